package dev.wslab.production.log;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.presence.ClusterPresence;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.simp.stomp.StompHeaders;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.3 through the cluster: a subscription with {@code since} resumes on
 * any instance, a bad {@code since} is a gap and never an error, and a private message to
 * someone away waits in their inbox.
 */
@Grades("3.3")
class ResumeGraderTests {

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void resumesARoomOnTheOtherInstanceAfterTheLastIdSeen() {
		String room = ClusterClients.room("resume");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue live = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			// One at a time: the chat handles a session's frames on a thread pool, so two
			// SENDs in a row may be logged in either order (Phase 2 keeps
			// setPreserveReceiveOrder off; see its README).
			String firstId = null;
			for (String text : new String[] { "one", "two", "three" }) {
				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"" + text + "\"}");
				String id = json(live.next(WAIT).body()).path("id").asString();
				firstId = (firstId != null) ? firstId : id;
			}

			try (StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
				// With a receipt: the live message below must not race the broker's
				// subscription.
				FrameQueue resumed = bob.subscribeWithReceipt(since("/topic/room." + room, firstId), WAIT);

				ReceivedFrame two = resumed.next(WAIT);
				ReceivedFrame three = resumed.next(WAIT);
				assertThat(json(two.body()).path("text").asString()).isEqualTo("two");
				assertThat(json(three.body()).path("text").asString()).isEqualTo("three");
				assertThat(two.header("replay")).isEqualTo("true");

				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"four\"}");
				ReceivedFrame four = resumed.next(WAIT);
				assertThat(json(four.body()).path("text").asString()).as("then live").isEqualTo("four");
				assertThat(four.header("replay")).isNull();
			}
		}
	}

	@Test
	void answersAMalformedSinceWithAGapFrameAndKeepsTheSessionUsable() {
		String room = ClusterClients.room("gap");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue live = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"kept\"}");
			live.next(WAIT);

			try (StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
				FrameQueue resumed = bob.subscribeWithReceipt(since("/topic/room." + room, "not-an-id"), WAIT);

				ReceivedFrame gap = resumed.next(WAIT);
				assertThat(gap.header("gap")).isEqualTo("true");
				assertThat(json(gap.body()).path("requested").asString()).isEqualTo("not-an-id");
				ReceivedFrame kept = resumed.next(WAIT);
				assertThat(json(kept.body()).path("text").asString()).isEqualTo("kept");

				bob.sendJson("/app/room." + room + ".send", "{\"text\":\"still here\"}");
				assertThat(json(resumed.next(WAIT).body()).path("text").asString()).isEqualTo("still here");
				assertThat(bob.errors().size()).isZero();
			}
		}
	}

	@Test
	void keepsAPrivateMessageForSomeoneAwayUntilTheyResumeTheirInbox() {
		String text = "while you were out " + ClusterClients.room("inbox");
		ClusterPresence presence = cluster.context(0).getBean(ClusterPresence.class);
		await("admin has no session left from an earlier test").atMost(WAIT).until(() -> !presence.isOnline("admin"));
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue errors = alice.subscribeWithReceipt("/user/queue/errors", WAIT);

			alice.sendJson("/app/chat.private", "{\"to\":\"admin\",\"text\":\"" + text + "\"}");

			JsonNode error = json(errors.next(WAIT).body());
			assertThat(error.path("code").asString()).isEqualTo("recipient-offline");
			assertThat(error.path("message").asString()).contains("kept");
		}
		try (StompTestSession admin = ClusterClients.connect(cluster.port(1), "admin")) {
			FrameQueue inbox = admin.subscribe(since("/user/queue/messages", "0-0"));

			JsonNode kept = null;
			while (kept == null) {
				ReceivedFrame frame = inbox.next(WAIT);
				assertThat(frame.header("replay")).isEqualTo("true");
				if (json(frame.body()).path("text").asString().equals(text)) {
					kept = json(frame.body());
				}
			}
			assertThat(kept.path("from").asString()).isEqualTo("alice");
		}
	}

	private static StompHeaders since(String destination, String since) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.add("since", since);
		return headers;
	}

}
