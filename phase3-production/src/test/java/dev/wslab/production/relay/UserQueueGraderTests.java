package dev.wslab.production.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.2: private messages cross instances, and user queues die with their
 * sessions. The queues are counted by the broker itself ({@code rabbitmqctl}).
 */
@Grades("3.2")
class UserQueueGraderTests {

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void deliversAPrivateMessageToTheRecipientOnTheOtherInstance() {
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue bobsInbox = bob.subscribeWithReceipt("/user/queue/messages", WAIT);
			String text = "psst " + ClusterClients.room("private");

			alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"" + text + "\"}");

			JsonNode message = json(bobsInbox.next(WAIT).body());
			assertThat(message.path("from").asString()).isEqualTo("alice");
			assertThat(message.path("to").asString()).isEqualTo("bob");
			assertThat(message.path("text").asString()).isEqualTo(text);
			assertThat(message.path("id").asString()).matches("0-\\d+");
		}
	}

	@Test
	void passesEveryOtherDestinationThroughAsItCame() {
		String room = ClusterClients.room("untouched");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue inTheRoom = bob.subscribeWithReceipt("/topic/room." + room, WAIT);

			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"for the room\"}");

			assertThat(json(inTheRoom.next(WAIT).body()).path("text").asString()).as("""
					3.2: a room message, which crosses the broker channel to /topic, not /queue
					(hint: rewrite /queue/ destinations only, and hand every other message on as it came)""")
				.isEqualTo("for the room");
		}
	}

	@Test
	void leavesNoQueueBehindWhenAHundredSessionsHaveComeAndGone() throws Exception {
		int baseline = cluster.broker().queues().size();
		String token = ClusterClients.token("http://127.0.0.1:" + cluster.port(0), "bob");
		List<StompTestSession> sessions = new ArrayList<>();
		// One session first, alone: if user queues do not work at all, this fails in
		// seconds instead of a hundred times over.
		StompTestSession first = ClusterClients.connect("127.0.0.1:" + cluster.port(0), token);
		sessions.add(first);
		first.subscribeWithReceipt("/user/queue/messages", WAIT);
		first.subscribeWithReceipt("/user/queue/errors", WAIT);
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<StompTestSession>> connecting = new ArrayList<>();
			for (int i = 1; i < 100; i++) {
				int instance = i % 2;
				connecting.add(pool.submit(() -> {
					StompTestSession session = ClusterClients.connect("127.0.0.1:" + cluster.port(instance), token);
					session.subscribeWithReceipt("/user/queue/messages", WAIT);
					session.subscribeWithReceipt("/user/queue/errors", WAIT);
					return session;
				}));
			}
			for (Future<StompTestSession> session : connecting) {
				sessions.add(session.get());
			}
		}
		int whileOpen = cluster.broker().queues().size();
		sessions.forEach(StompTestSession::close);

		await("the broker's queues back to the " + baseline + " before the sessions").atMost(WAIT)
			.until(() -> cluster.broker().queues().size() <= baseline);
		List<String> after = cluster.broker().queues();
		System.out.printf("[3.2] queues on the broker: %d before, %d with 100 sessions open, %d after they closed%n",
				baseline, whileOpen, after.size());
		assertThat(whileOpen).as("each open session's subscriptions have queues")
			.isGreaterThanOrEqualTo(baseline + 200);
		assertThat(after).as("per-session user queues left on the broker")
			.noneMatch((name) -> name.matches(".*-user.*"))
			.hasSizeLessThanOrEqualTo(baseline);
	}

	@Test
	void keepsAPrivateMessageFromReachingAnyoneButTheRecipient() {
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob");
				StompTestSession admin = ClusterClients.connect(cluster.port(1), "admin")) {
			FrameQueue bobsInbox = bob.subscribeWithReceipt("/user/queue/messages", WAIT);
			FrameQueue adminsInbox = admin.subscribeWithReceipt("/user/queue/messages", WAIT);

			alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"for bob only\"}");
			alice.sendJson("/app/chat.private", "{\"to\":\"admin\",\"text\":\"for admin\"}");

			assertThat(json(bobsInbox.next(WAIT).body()).path("text").asString()).isEqualTo("for bob only");
			assertThat(json(adminsInbox.next(WAIT).body()).path("text").asString())
				.as("admin's first private message is the second one sent, not bob's")
				.isEqualTo("for admin");
		}
	}

}
