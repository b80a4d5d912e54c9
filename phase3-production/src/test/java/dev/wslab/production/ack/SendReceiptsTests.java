package dev.wslab.production.ack;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.util.MimeTypeUtils;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged SENDs on the cluster: a kept message is confirmed with a RECEIPT, and a
 * SEND that repeats a kept {@code client-message-id}, on either instance, is confirmed
 * again and not kept twice. This is what lets a reconnecting client send again what it
 * wrote blind.
 */
class SendReceiptsTests {

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void confirmsARoomMessageOnceItIsKept() throws Exception {
		String room = ClusterClients.room("receipt");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue live = alice.subscribeWithReceipt("/topic/room." + room, WAIT);

			alice.sendWithReceipt(send(room, null), "{\"text\":\"confirmed\"}")
				.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

			assertThat(json(live.next(WAIT).body()).path("text").asString()).as(alice.transcript().toString())
				.isEqualTo("confirmed");
		}
	}

	@Test
	void keepsASendRepeatedOnTheOtherInstanceOnceAndConfirmsItAgain() throws Exception {
		String room = ClusterClients.room("repeat");
		String id = UUID.randomUUID().toString();
		try (StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob");
				StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue shown = bob.subscribeWithReceipt("/topic/room." + room, WAIT);
			alice.sendWithReceipt(send(room, id), "{\"text\":\"once\"}").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			alice.close();

			// What a reconnecting client does with a SEND it never saw confirmed: the
			// same
			// id again, here through the other instance.
			try (StompTestSession again = ClusterClients.connect(cluster.port(1), "alice")) {
				again.sendWithReceipt(send(room, id), "{\"text\":\"once\"}")
					.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
				again.sendJson("/app/room." + room + ".send", "{\"text\":\"after\"}");

				List<String> texts = new ArrayList<>();
				while (!texts.contains("after")) {
					texts.add(json(shown.next(WAIT).body()).path("text").asString());
				}
				assertThat(texts).as("what bob was shown: " + bob.transcript()).containsExactly("once", "after");
			}
		}
	}

	@Test
	void refusesAnOverlongClientMessageIdWithAnErrorAndKeepsServingTheSession() {
		String room = ClusterClients.room("bad-id");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue errors = alice.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue live = alice.subscribeWithReceipt("/topic/room." + room, WAIT);

			alice.send(send(room, "x".repeat(65)), "{\"text\":\"refused\"}");

			assertThat(json(errors.next(WAIT).body()).path("code").asString()).as(alice.transcript().toString())
				.isEqualTo("bad-message-id");
			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"still served\"}");
			assertThat(json(live.next(WAIT).body()).path("text").asString()).as(alice.transcript().toString())
				.isEqualTo("still served");
		}
	}

	private static StompHeaders send(String room, String clientMessageId) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination("/app/room." + room + ".send");
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		if (clientMessageId != null) {
			headers.set(SendReceipts.CLIENT_MESSAGE_ID, clientMessageId);
		}
		return headers;
	}

}
