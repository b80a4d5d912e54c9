package dev.wslab.production.relay;

import java.net.URI;
import java.util.List;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Grades exercise 3.1: the relay to RabbitMQ joins two instances into one chat. */
@Grades("3.1")
class RelayGraderTests {

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void deliversARoomMessageSentOnOneInstanceToSubscribersOnBoth() {
		String room = ClusterClients.room("relay");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue onA = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			FrameQueue onB = bob.subscribeWithReceipt("/topic/room." + room, WAIT);

			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"hello from A\"}");

			for (FrameQueue queue : List.of(onA, onB)) {
				JsonNode message = json(queue.next(WAIT).body());
				assertThat(message.path("from").asString()).isEqualTo("alice");
				assertThat(message.path("text").asString()).isEqualTo("hello from A");
				assertThat(message.path("id").asString()).as("3.3: the room's log numbers every message")
					.matches("0-\\d+");
			}
		}
	}

	@Test
	void keepsEachClientsMessagesInTheOrderTheyWerePublished() {
		// Replays (exercise 3.3) go to a client through an ordered view of the outbound
		// channel, which only moves on when publish order is on.
		for (int instance = 0; instance < cluster.ports().size(); instance++) {
			StompBrokerRelayMessageHandler relay = cluster.context(instance)
				.getBean(StompBrokerRelayMessageHandler.class);
			assertThat(relay.isPreservePublishOrder()).as("setPreservePublishOrder(true) on instance %d", instance)
				.isTrue();
		}
	}

	@Test
	void acceptsATokenIssuedByTheOtherInstance() {
		String tokenFromA = ClusterClients.token("http://127.0.0.1:" + cluster.port(0), "bob");

		try (StompTestSession bob = ClusterClients.connect("127.0.0.1:" + cluster.port(1), tokenFromA)) {
			assertThat(bob.isConnected()).isTrue();
		}
	}

	@Test
	void logsInToTheBrokerAsTheChatsOwnUserAndNeverAsGuest() {
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			alice.subscribeWithReceipt("/topic/room." + ClusterClients.room("login"), WAIT);

			List<String> connections = cluster.broker().stompConnections();

			assertThat(connections).as("the broker's STOMP connections, by user").isNotEmpty();
			assertThat(connections).allSatisfy((line) -> assertThat(line).startsWith(ChatCluster.BROKER_USER));
		}
	}

	@Test
	void refusesRepeatedConnectFramesOnOneSocketWithoutOpeningBrokerConnections() throws Exception {
		String token = ClusterClients.token("http://127.0.0.1:" + cluster.port(0), "alice");
		// Only the instances' own "system" sessions, once earlier tests' sessions are
		// gone.
		int before = cluster.ports().size();
		await("only the system sessions on the broker").atMost(WAIT)
			.until(() -> cluster.broker().stompConnections().size() == before);
		int during;
		try (RawWebSocketClient socket = RawWebSocketClient.connect(
				URI.create("ws://127.0.0.1:" + cluster.port(0) + "/ws/chat"), "Origin: " + ChatCluster.PAGE_ORIGIN)) {
			for (int i = 0; i < 20; i++) {
				socket.send(WireFrame.text("CONNECT\naccept-version:1.2\nhost:chat\nAuthorization:Bearer " + token
						+ "\nheart-beat:0,0\n\n\0"));
			}

			// Spring refuses a second CONNECT on a session ("Session already exists")
			// with an ERROR frame.
			assertThat(firstFrameOtherThanConnected(socket)).as("the answer to the second CONNECT").startsWith("ERROR");
			during = cluster.broker().stompConnections().size();
		}
		System.out.printf("[3.1] broker STOMP connections: %d before, %d after 20 CONNECT frames on one socket%n",
				before, during);
		assertThat(during).as("CVE-2022-22971 class: broker connections opened by one socket")
			.isLessThanOrEqualTo(before + 1);
		await("the broker's STOMP connections back to " + before + " once the socket is gone").atMost(WAIT)
			.untilAsserted(() -> assertThat(cluster.broker().stompConnections()).hasSize(before));
	}

	private static String firstFrameOtherThanConnected(RawWebSocketClient socket) {
		while (true) {
			String text = socket.nextFrame(WAIT).text();
			if (!text.isBlank() && !text.startsWith("CONNECTED")) {
				return text;
			}
		}
	}

}
