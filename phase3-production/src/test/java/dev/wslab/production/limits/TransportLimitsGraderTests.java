package dev.wslab.production.limits;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
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
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.7 on an instance of its own beside the cluster, with the size limit
 * of {@code application.properties} (64 KB) and limits short enough to wait for: a send
 * may be stuck 2 s, 256 KB may wait for a client, a socket may stay silent 3 s. Its rate
 * limit is out of the way, so that a room can be busy.
 */
@Grades("3.7")
class TransportLimitsGraderTests {

	private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(2);

	private static final DataSize SEND_BUFFER_LIMIT = DataSize.ofKilobytes(256);

	private static final Duration TIME_TO_FIRST_MESSAGE = Duration.ofSeconds(3);

	/**
	 * How long a slow consumer may go on once it is subscribed in a room busy at 500
	 * KB/s. Before a send blocks, Linux may take up to {@code tcp_wmem}'s maximum (4 MB
	 * by default) into the server's socket: about 8 s of the room; then the send buffer
	 * limit (256 KB) fills in half a second.
	 */
	private static final Duration CUT_OFF_BOUND = Duration.ofSeconds(15);

	/** The room's messages published before the slow consumer comes: the baseline. */
	private static final int BASELINE = 500;

	/** The room's messages published once the slow consumer is gone (2 s of the room). */
	private static final int AFTERWARDS = 500;

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
	void cutsOffAClientThatStopsReadingWithoutSlowingTheRoom() throws Exception {
		SubProtocolWebSocketHandler handler = limited.getBean(SubProtocolWebSocketHandler.class);
		SimpUserRegistry users = limited.getBean(SimpUserRegistry.class);
		int queuesBefore = cluster.broker().queues().size();
		int connectionsBefore = cluster.broker().stompConnections().size();
		String room = ClusterClients.room("busy");
		try (StompTestSession ann = ClusterClients.connect(port, "alice");
				BusyRoom busy = new BusyRoom(cluster.broker(), room)) {
			// Spring's defaults (10 s, 512 KB) would cut zed off too, only later:
			// the limits must be the instance's (ann's socket is open: a starter's
			// failure is in the log).
			assertThat(handler.getSendTimeLimit())
				.as("3.7: Spring's send time limit in ms, from wslab.limits.send-time-limit (Spring's default: 10 s)")
				.isEqualTo(SEND_TIME_LIMIT.toMillis());
			assertThat(handler.getSendBufferSizeLimit())
				.as("3.7: Spring's send buffer limit in bytes, from wslab.limits.send-buffer-limit (Spring's default: 512 KB)")
				.isEqualTo(SEND_BUFFER_LIMIT.toBytes());
			Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
			Thread reader = readAll(ann.subscribeWithReceipt("/topic/room." + room, WAIT), arrivals, busy);
			int cutOffBefore = handler.getStats().getLimitExceededSessions();
			int openBefore = handler.getStats().getWebSocketSessions();
			busy.start();
			await("the room's first " + BASELINE + " messages, without a slow consumer").atMost(WAIT)
				.until(() -> busy.published() >= BASELINE);

			int zedFrom = busy.published();
			try (RawWebSocketClient zed = RawWebSocketClient.connectWithoutReading(
					URI.create("ws://127.0.0.1:" + port + "/ws/chat"), "Origin: " + ChatCluster.PAGE_ORIGIN)) {
				// The relay drops a frame that comes before the broker's CONNECTED
				// (StompBrokerRelayMessageHandler: "ignoring SUBSCRIBE"), and zed reads
				// nothing: the server's side says when he is connected and subscribed.
				zed.send(WireFrame.text(connectFrame("admin")));
				await("zed connected").atMost(WAIT).until(() -> users.getUser("admin") != null);
				zed.send(WireFrame.text("SUBSCRIBE\nid:0\ndestination:/topic/room." + room + "\n\n\0"));
				await("zed subscribed").atMost(WAIT)
					.until(() -> !users.findSubscriptions((sub) -> sub.getDestination().endsWith(room)).isEmpty());
				long subscribed = System.nanoTime();

				await("zed, who reads nothing, cut off").atMost(CUT_OFF_BOUND)
					.until(() -> handler.getStats().getLimitExceededSessions() > cutOffBefore);
				long cutOff = Duration.ofNanos(System.nanoTime() - subscribed).toMillis();
				int zedUntil = busy.published();
				zed.resumeReading();
				await("the end of zed's connection").atMost(WAIT).until(() -> connectionEnd(zed) != null);
				String end = connectionEnd(zed);
				System.out.printf(
						"[3.7] zed cut off %d ms after he subscribed (bound %d ms), %d room messages later; his connection: %s; %s%n",
						cutOff, CUT_OFF_BOUND.toMillis(), zedUntil - zedFrom, end.strip(), handler.getStatsInfo());
				assertThat(handler.getStats().getLimitExceededSessions()).as("""
						3.7: sessions Spring closed for a send limit, with 4500 (SESSION_NOT_RELIABLE)
						(hint: setSendBufferSizeLimit and setSendTimeLimit on the transport registration)""")
					.isEqualTo(cutOffBefore + 1);
				// Behind a stuck send Tomcat may not get the CLOSE frame out: then the
				// connection just ends.
				assertThat(end).as("how zed's connection ended: a CLOSE with 4500, or the TCP connection closed")
					.satisfiesAnyOf((line) -> assertThat(line).contains("← CLOSE").contains("code=4500"),
							(line) -> assertThat(line).contains("TCP connection closed by server"));
				await("zed's session gone").atMost(WAIT)
					.untilAsserted(() -> assertThat(handler.getStats().getWebSocketSessions()).isEqualTo(openBefore));

				int last = busy.finishAfter(AFTERWARDS);
				await("the room's feed over").atMost(BusyRoom.EVERY.multipliedBy(AFTERWARDS).plus(WAIT))
					.until(() -> busy.published() == last);
				reader.join(WAIT);
				assertThat(reader.isAlive()).as("ann's reader still waiting for the room's last message").isFalse();
				report(busy, arrivals, zedFrom, zedUntil);
			}
		}
		await("the busy room's queues and connections gone from RabbitMQ").atMost(WAIT)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> {
				assertThat(cluster.broker().queues()).hasSizeLessThanOrEqualTo(queuesBefore);
				assertThat(cluster.broker().stompConnections()).hasSizeLessThanOrEqualTo(connectionsBefore);
			});
	}

	/**
	 * Counts ann's deliveries by number and compares her latency with zed and without.
	 */
	private static void report(BusyRoom busy, Queue<Arrival> arrivals, int zedFrom, int zedUntil) {
		Set<Integer> distinct = new TreeSet<>();
		List<Double> quiet = new ArrayList<>();
		List<Double> slow = new ArrayList<>();
		List<Double> after = new ArrayList<>();
		for (Arrival arrival : arrivals) {
			distinct.add(arrival.seq());
			double millis = (arrival.nanos() - busy.publishedAt(arrival.seq())) / 1e6;
			(arrival.seq() <= zedFrom ? quiet : (arrival.seq() <= zedUntil) ? slow : after).add(millis);
		}
		int sent = busy.published();
		int lost = sent - distinct.size();
		int duplicated = arrivals.size() - distinct.size();
		double bound = 10 * median(quiet) + 250;
		System.out
			.printf("""
					[3.7] ann, in the same room: sent %d, delivered %d, lost %d, duplicated %d
					[3.7] ann's latency, median / p99 in ms: without zed (#1-%d) %.1f / %.1f; while zed stalls (#%d-%d) %.1f / %.1f; after (#%d-%d) %.1f / %.1f; bound on the median while he stalls %.1f%n""",
					sent, distinct.size(), lost, duplicated, zedFrom, median(quiet), p99(quiet), zedFrom + 1, zedUntil,
					median(slow), p99(slow), zedUntil + 1, sent, median(after), p99(after), bound);
		assertThat(lost).as("3.7: room messages ann never got while zed stalled and was cut off").isZero();
		assertThat(duplicated).as("3.7: room messages ann got twice").isZero();
		assertThat(median(slow))
			.as("""
					3.7: ann's median latency in ms while zed stalls in her room, against %.1f ms without him
					(bound: 10 × that + 250 ms; hint: one client's backlog must not hold the others' sends)""",
					median(quiet))
			.isLessThanOrEqualTo(bound);
	}

	/** Reads a subscription until the busy room's last message, or until it is quiet. */
	private static Thread readAll(FrameQueue frames, Queue<Arrival> arrivals, BusyRoom busy) {
		return Thread.ofVirtual().name("ann-reader").start(() -> {
			while (true) {
				ReceivedFrame frame = frames.poll(WAIT);
				if (frame == null) {
					return;
				}
				int seq = json(frame.body()).path("seq").asInt();
				arrivals.add(new Arrival(seq, System.nanoTime()));
				if (seq >= busy.last()) {
					return;
				}
			}
		});
	}

	/** A room message ann received, by number, and when ({@link System#nanoTime()}). */
	private record Arrival(int seq, long nanos) {
	}

	private static double median(List<Double> values) {
		return percentile(values, 0.5);
	}

	private static double p99(List<Double> values) {
		return percentile(values, 0.99);
	}

	private static double percentile(List<Double> values, double rank) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) (rank * sorted.size())));
	}

	/**
	 * The transcript's line for a CLOSE frame from the server or the end of TCP, or null.
	 */
	private static String connectionEnd(RawWebSocketClient client) {
		return client.transcript()
			.lines()
			.stream()
			.filter((line) -> line.contains("← CLOSE") || line.contains("TCP connection closed by server"))
			.findFirst()
			.orElse(null);
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
