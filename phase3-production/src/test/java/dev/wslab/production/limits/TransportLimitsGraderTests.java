package dev.wslab.production.limits;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.7 on an instance of its own beside the cluster, with the size limit
 * of {@code application.properties} (64 KB) and limits short enough to wait for: a send
 * may be stuck 2 s, a socket may stay silent 3 s.
 *
 * <p>
 * Slow consumers are not graded here yet: on the relay chat a client that stopped reading
 * in a room busy at 500 KB/s was not cut off within 42 s (see the README).
 */
@Grades("3.7")
class TransportLimitsGraderTests {

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(2);

	private static final DataSize SEND_BUFFER_LIMIT = DataSize.ofKilobytes(256);

	private static final Duration TIME_TO_FIRST_MESSAGE = Duration.ofSeconds(3);

	/**
	 * The size of each piece when a frame is sent in several WebSocket messages: over the
	 * 16,640 bytes Spring's STOMP handler raises Tomcat's 8 KB per-session default to
	 * ({@code StompSubProtocolHandler.MINIMUM_WEBSOCKET_MESSAGE_SIZE}), under the chat's
	 * 64 KB.
	 */
	private static final int PIECE = 32 * 1024;

	static ChatCluster cluster;

	static ConfigurableApplicationContext limited;

	static int port;

	static int messageSize;

	@BeforeAll
	static void startAnInstanceWithShortLimits() {
		cluster = ChatCluster.shared();
		limited = cluster.startApart("chat-limits",
				Map.of("wslab.limits.send-time-limit", SEND_TIME_LIMIT.toMillis() + "ms",
						"wslab.limits.send-buffer-limit", SEND_BUFFER_LIMIT.toBytes() + "B",
						"wslab.limits.time-to-first-message", TIME_TO_FIRST_MESSAGE.toMillis() + "ms",
						"wslab.limits.messages-per-second", 100_000, "wslab.limits.burst", 100_000));
		port = ((WebServerApplicationContext) limited).getWebServer().getPort();
		messageSize = Math.toIntExact(
				limited.getEnvironment().getRequiredProperty("wslab.limits.message-size", DataSize.class).toBytes());
	}

	@AfterAll
	static void stopIt() {
		if (limited != null) {
			limited.close();
		}
	}

	@Test
	void takesAFrameUpToTheLimitInOneWebSocketMessage() throws Exception {
		String room = ClusterClients.room("size");
		try (RawWebSocketClient alice = stompOverRaw("alice")) {
			alice.send(WireFrame.text("SUBSCRIBE\nid:errors\ndestination:/user/queue/errors\nreceipt:r1\n\n\0"));
			awaitFrame(alice, "RECEIPT");
			String frame = sendFrame(room, messageSize - 100);

			alice.send(WireFrame.text(frame));

			// The chat's own rule (at most 500 characters, exercise 2.9) answers it:
			// proof
			// that the whole frame reached the controller.
			WireFrame answer = nextNonHeartbeat(alice);
			System.out.printf("[3.7] a %d-byte SEND in one WebSocket message (limit %d): %s%n", frame.length(),
					messageSize, answer);
			assertThat(answer.opcode() == WireFrame.TEXT ? answer.text() : answer.toString()).as("""
					3.7: the answer to a %d-byte SEND in one WebSocket message, under the chat's %d-byte limit
					(hint: Tomcat reads a whole message into a buffer of 8 KB unless the container's
					maxTextMessageBufferSize is raised; over it, it closes with 1009)""", frame.length(), messageSize)
				.startsWith("MESSAGE")
				.contains("text-too-long");
		}
	}

	@Test
	void refusesAFrameOverTheLimitWith1009InOneMessageAndAnErrorFrameInPieces() throws Exception {
		String room = ClusterClients.room("size");
		String frame = sendFrame(room, messageSize + 1024);
		try (RawWebSocketClient alice = stompOverRaw("alice")) {
			alice.send(WireFrame.text(frame));

			WireFrame answer = nextNonHeartbeat(alice);
			System.out.printf("[3.7] a %d-byte SEND in one WebSocket message: %s%n", frame.length(), answer);
			assertThat(answer.opcode()).as("3.7: the answer to a %d-byte SEND in one message: a CLOSE", frame.length())
				.isEqualTo(WireFrame.CLOSE);
			assertThat(answer.closeCode()).as("RFC 6455 §7.4.1: 1009, too big to process").isEqualTo(1009);
		}
		try (RawWebSocketClient alice = stompOverRaw("alice")) {
			byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
			for (int at = 0; at < bytes.length; at += PIECE) {
				alice.send(WireFrame
					.text(new String(bytes, at, Math.min(PIECE, bytes.length - at), StandardCharsets.UTF_8)));
			}

			WireFrame error = nextNonHeartbeat(alice);
			WireFrame close = nextNonHeartbeat(alice);
			System.out.printf("[3.7] the same SEND in WebSocket messages of %d bytes: %s, then %s%n", PIECE, error,
					close);
			assertThat(error.opcode() == WireFrame.TEXT ? error.text() : error.toString()).as("""
					3.7: the answer to a %d-byte STOMP frame in messages of %d bytes: Spring's STOMP decoder
					refuses it with an ERROR frame (hint: both limits, Spring's and Tomcat's, at the message size)""",
					bytes.length, PIECE)
				.startsWith("ERROR");
			assertThat(close.opcode()).as("after an ERROR frame the server closes (STOMP 1.2)")
				.isEqualTo(WireFrame.CLOSE);
			assertThat(close.closeCode()).as("the close code after Spring's ERROR frame: 1002, protocol error")
				.isEqualTo(1002);
		}
	}

	@Test
	void closesASocketThatSendsNothingOnceItsTimeToFirstMessageIsOver() throws Exception {
		SubProtocolWebSocketHandler handler = limited.getBean(SubProtocolWebSocketHandler.class);
		int before = handler.getStats().getNoMessagesReceivedSessions();
		long opened = System.nanoTime();
		try (RawWebSocketClient idle = RawWebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
				"Origin: " + ChatCluster.PAGE_ORIGIN)) {
			// Spring looks for silent sockets only when another socket opens (and at most
			// every half of the time to first message): on a quiet instance a silent
			// socket
			// is never closed. Another client knocks every 250 ms, as on a busy instance.
			await("the silent socket closed").atMost(TIME_TO_FIRST_MESSAGE.multipliedBy(2).plus(WAIT))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> {
					knock();
					return closeFrame(idle) != null;
				});
			long closed = Duration.ofNanos(System.nanoTime() - opened).toMillis();
			String close = closeFrame(idle);
			System.out.printf(
					"[3.7] a socket that sent nothing closed after %d ms (time to first message: %d ms): %s%n", closed,
					TIME_TO_FIRST_MESSAGE.toMillis(), close);
			assertThat(closed).as("3.7: ms until a silent socket is closed; not before its time to first message")
				.isGreaterThanOrEqualTo(TIME_TO_FIRST_MESSAGE.toMillis());
			assertThat(close).as("the close code Spring gives a silent socket: 4500, SESSION_NOT_RELIABLE")
				.contains("code=4500");
			assertThat(handler.getStats().getNoMessagesReceivedSessions()).as("sockets Spring closed for silence")
				.isEqualTo(before + 1);
		}
	}

	private static RawWebSocketClient stompOverRaw(String user) throws Exception {
		RawWebSocketClient client = RawWebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
				"Origin: " + ChatCluster.PAGE_ORIGIN);
		client.send(WireFrame.text(connectFrame(user)));
		awaitFrame(client, "CONNECTED");
		return client;
	}

	private static String connectFrame(String user) {
		return "CONNECT\naccept-version:1.2\nhost:chat\nheart-beat:0,0\nAuthorization:Bearer "
				+ ClusterClients.token("http://127.0.0.1:" + port, user) + "\n\n\0";
	}

	/** The CLOSE frame the server sent, as the transcript shows it, or null. */
	private static String closeFrame(RawWebSocketClient client) {
		return client.transcript().lines().stream().filter((line) -> line.contains("← CLOSE")).findFirst().orElse(null);
	}

	/** Opens a socket and closes it at once: Spring checks for silent sockets then. */
	private static void knock() throws Exception {
		try (RawWebSocketClient knock = RawWebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
				"Origin: " + ChatCluster.PAGE_ORIGIN)) {
			knock.send(WireFrame.close(1000, ""));
		}
	}

	private static String sendFrame(String room, int size) {
		String head = "SEND\ndestination:/app/room." + room + ".send\ncontent-type:application/json\n\n{\"text\":\"";
		String tail = "\"}\0";
		return head + "x".repeat(size - head.length() - tail.length()) + tail;
	}

	private static String awaitFrame(RawWebSocketClient client, String command) {
		while (true) {
			WireFrame frame = client.nextFrame(WAIT);
			String text = frame.text();
			if (text.startsWith(command)) {
				return text;
			}
		}
	}

	private static WireFrame nextNonHeartbeat(RawWebSocketClient client) {
		while (true) {
			WireFrame frame = client.nextFrame(WAIT);
			if (frame.opcode() != WireFrame.TEXT || !frame.text().isBlank()) {
				return frame;
			}
		}
	}

}
