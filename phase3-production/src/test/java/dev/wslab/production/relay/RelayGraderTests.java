package dev.wslab.production.relay;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.presence.ClusterPresence;
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

	@Test
	void keepsTheClustersOwnDestinationsFromClients() throws Exception {
		ClusterPresence presence = cluster.context(1).getBean(ClusterPresence.class);
		Set<String> earlier = presence.sessionsOf("bob");
		try (StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			String bobsSession = presence.sessionsOf("bob")
				.stream()
				.filter((id) -> !earlier.contains(id))
				.findFirst()
				.orElseThrow();
			for (String frame : List.of(subscribe(RelayConfig.USER_REGISTRY), subscribe(RelayConfig.UNRESOLVED_USER),
					subscribe("/exchange/amq.direct/messages-user" + bobsSession),
					subscribe("/exchange/amq.topic/room.#"),
					"SEND\ndestination:/exchange/amq.topic/room.general\n\n{\"text\":\"past the app\"}")) {
				String answer = answerTo(frame);
				System.out.printf("[3.1] %s -> %s%n", frame.lines().limit(2).toList(),
						answer.lines().findFirst().orElse(""));
				assertThat(answer).as("""
						the answer to a client's %s: the instances' registry and unresolved-user \
						broadcasts, and raw /exchange destinations, are the cluster's own; Phase 2's \
						message rules (2.8) must refuse them, so 3.1's destinations must stay outside \
						what they allow""".formatted(frame.lines().limit(2).toList())).startsWith("ERROR");
			}
		}
	}

	private static String subscribe(String destination) {
		return "SUBSCRIBE\ndestination:" + destination + "\nid:0\nreceipt:r0\n\n";
	}

	/** Opens a session as alice, sends one frame, and returns the next frame back. */
	private static String answerTo(String frame) throws Exception {
		String token = ClusterClients.token("http://127.0.0.1:" + cluster.port(0), "alice");
		try (RawWebSocketClient socket = RawWebSocketClient.connect(
				URI.create("ws://127.0.0.1:" + cluster.port(0) + "/ws/chat"), "Origin: " + ChatCluster.PAGE_ORIGIN)) {
			socket.send(WireFrame.text("CONNECT\naccept-version:1.2\nhost:chat\nAuthorization:Bearer " + token
					+ "\nheart-beat:0,0\n\n\0"));
			assertThat(nextFrame(socket)).startsWith("CONNECTED");
			socket.send(WireFrame.text(frame + "\0"));
			return nextFrame(socket);
		}
	}

	private static String nextFrame(RawWebSocketClient socket) {
		while (true) {
			String text = socket.nextFrame(WAIT).text();
			if (!text.isBlank()) {
				return text;
			}
		}
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
