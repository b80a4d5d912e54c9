package dev.wslab.production.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 3.1's heartbeats for client sessions: a client that only sends to
 * {@code /app} keeps its broker connection.
 *
 * <p>
 * The relay opens one broker connection per client session and passes the client's
 * {@code heart-beat} on to RabbitMQ, which then expects data on that connection at least
 * every client interval and closes it after two to three silent intervals
 * ({@code rabbit_heartbeat}). A client that chats sends SENDs to {@code /app}, and no
 * heartbeats because it is not silent; but those SENDs go to the controllers, never to
 * the broker. With a {@code TaskScheduler} on the relay, Spring forwards a heartbeat to
 * the broker for such a SEND once per period (the period is reset every 5 s, so it only
 * works for client intervals over 5 s: the browser's 10 s is fine).
 */
@Grades("3.1")
class AppOnlyClientGraderTests {

	/** The client's send interval: over Spring's 5 s reset, and short enough to test. */
	private static final int CLIENT_BEAT_MS = 6000;

	/**
	 * 22 s: longer than RabbitMQ's 2 to 3 silent intervals of 6 s (measured: dropped at
	 * 19.6 s).
	 */
	private static final int SENDS = 44;

	private static final Duration SEND_EVERY = Duration.ofMillis(500);

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void keepsTheBrokerConnectionOfAClientThatOnlySendsToApp() throws Exception {
		String room = ClusterClients.room("app-only");
		String token = ClusterClients.token("http://127.0.0.1:" + cluster.port(0), "bob");
		ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
		try (RawWebSocketClient socket = RawWebSocketClient.connect(
				URI.create("ws://127.0.0.1:" + cluster.port(0) + "/ws/chat"), "Origin: " + ChatCluster.PAGE_ORIGIN)) {
			socket.send(WireFrame.text("CONNECT\naccept-version:1.2\nhost:chat\nAuthorization:Bearer " + token
					+ "\nheart-beat:" + CLIENT_BEAT_MS + ",0\n\n\0"));
			assertThat(nextStompFrame(socket)).startsWith("CONNECTED");
			socket.send(WireFrame.text("SUBSCRIBE\nid:0\ndestination:/topic/room." + room + "\nreceipt:r0\n\n\0"));
			assertThat(nextStompFrame(socket)).startsWith("RECEIPT");

			// The only traffic from now on: a SEND to /app every half second, for 22 s.
			AtomicInteger sent = new AtomicInteger();
			sender.scheduleAtFixedRate(() -> {
				if (sent.get() < SENDS) {
					send(socket, "SEND\ndestination:/app/room." + room + ".send\ncontent-type:application/json\n\n"
							+ "{\"text\":\"n" + sent.incrementAndGet() + "\"}\0");
				}
			}, 0, SEND_EVERY.toMillis(), TimeUnit.MILLISECONDS);

			// Each one comes back through the broker, on this session's own subscription.
			for (int n = 1; n <= SENDS; n++) {
				String frame = nextStompFrame(socket);
				assertThat(frame).as("""
						frame %d of %d, %d ms into a client that only sends to /app; an ERROR here means \
						RabbitMQ closed the session's broker connection for silence: give the relay a \
						TaskScheduler (setTaskScheduler)""".formatted(n, SENDS, n * SEND_EVERY.toMillis()))
					.startsWith("MESSAGE")
					.contains("\"text\":\"n" + n + "\"");
			}
		}
		finally {
			sender.shutdownNow();
		}
	}

	private static void send(RawWebSocketClient socket, String frame) {
		try {
			socket.send(WireFrame.text(frame));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String nextStompFrame(RawWebSocketClient socket) {
		while (true) {
			String text = socket.nextFrame(WAIT).text();
			if (!text.isBlank()) {
				return text;
			}
		}
	}

}
