package dev.wslab.production.reconnect;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.nginx.NginxConfig;
import dev.wslab.kit.nginx.NginxExtension;
import dev.wslab.kit.nginx.NginxProxy;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.presence.ClusterPresence;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.simp.stomp.StompHeaders;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure drill 3 (issue 11): STOMP heartbeats against the proxy's idle timeout.
 *
 * <p>
 * Behind exercise 3.4's Nginx file, with its {@code proxy_read_timeout} cut from 30 s to
 * 3 s, a client with {@code heart-beat:1000,1000} stays connected through more than three
 * timeouts and still gets a room message, while a silent client with
 * {@code heart-beat:0,0} is cut by Nginx at the timeout. Straight to an instance (no
 * proxy in the way), a client that negotiated {@code heart-beat:1000,1000} and then stops
 * beating, its TCP connection kept open, is found out by RabbitMQ, not by Spring, whose
 * relay checks heartbeats on its own system session only: the relay gives each client
 * session its own broker connection and forwards the client's heartbeats on it, and
 * RabbitMQ closes a connection with no data for two to three of the client's intervals
 * ({@code rabbit_heartbeat}: checked every interval, closed after two checks with no
 * change). The relay then sends the client {@code ERROR message:Connection to
 * broker closed.} and Spring closes the session: presence announces the user offline on
 * another instance, and the broker's connection for the session is gone.
 *
 * <p>
 * Not a grader: the clients here are tuned by hand. The heartbeat tuning is exercise
 * 3.18, graded by {@link HeartbeatTuningGraderTests}, whose last two tests take this
 * drill's proxy with a client configured from the learner's {@link HeartbeatTuning}. Each
 * test prints its figures and appends a row to {@code target/drills/heartbeat-proxy.md}.
 */
class HeartbeatProxyDrillTests {

	@RegisterExtension
	static final NginxExtension nginx = new NginxExtension();

	/** The drill's {@code proxy_read_timeout}: the chat's 30 s, shortened to test it. */
	private static final Duration PROXY_TIMEOUT = Duration.ofSeconds(3);

	/** Both heart-beat intervals of the clients that beat, in ms. */
	private static final long BEAT_MS = 1000;

	/** How long the client with heartbeats must stay connected: over three timeouts. */
	private static final Duration SEVERAL_TIMEOUTS = PROXY_TIMEOUT.multipliedBy(3).plusSeconds(1);

	/**
	 * The margin for detection: RabbitMQ closes after two to three silent intervals, and
	 * the STOMP relay and Spring's handlers then pass the end on.
	 */
	private static final int TOLERANCE = 3;

	/** Time for the relay, the session's end and presence to follow the broker. */
	private static final Duration HAND_ON = Duration.ofSeconds(2);

	/**
	 * The fewest beats before going silent: 5 s or more of them, over three intervals.
	 */
	private static final int BEATS = 6;

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
		// A fresh instance's first CONNECT can take seconds (its first Redis and broker
		// connections), eating into the drill's 3 s of silence: warm both up first.
		for (int port : cluster.ports()) {
			ClusterClients.connect(port, "alice").close();
		}
	}

	@Test
	void keepsAClientWithHeartbeatsThroughSeveralProxyTimeouts() throws IOException {
		NginxProxy proxy = nginx.start(withShortReadTimeout(cluster.ports()));
		String room = ClusterClients.room("heartbeat");
		StompHeaders connect = ClusterClients.bearer(token("bob"));
		connect.setHeartbeat(new long[] { BEAT_MS, BEAT_MS });

		try (StompTestSession bob = StompTestClient.overWebSocket(proxy.wsUri("/ws/chat"), connect, WAIT);
				StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue bobsRoom = bob.subscribeWithReceipt("/topic/room." + room, WAIT);
			long idleFrom = System.nanoTime();

			// Nothing but heartbeats crosses the proxy now, for more than three timeouts.
			await("bob connected through the proxy for " + SEVERAL_TIMEOUTS.toSeconds() + " s on heartbeats alone")
				.during(SEVERAL_TIMEOUTS)
				.atMost(SEVERAL_TIMEOUTS.plusSeconds(2))
				.until(bob::isConnected);
			long idleMillis = millisSince(idleFrom);
			long sentAt = System.nanoTime();
			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"still there?\"}");
			ReceivedFrame message = bobsRoom.next(WAIT);
			long deliveredMillis = millisSince(sentAt);

			assertThat(json(message.body()).path("text").asString()).as(bob.transcript().toString())
				.isEqualTo("still there?");
			report(row("with heartbeats", BEAT_MS + "," + BEAT_MS, "Nginx, proxy_read_timeout " + proxySeconds(),
					"still connected, then got a room message", "%,d ms idle".formatted(idleMillis)),
					"[drill] heartbeat-proxy (with heartbeats): heart-beat %d,%d through proxy_read_timeout %d s: "
							+ "connected for %,d ms of heartbeats only (%.1f timeouts), then a room message in %d ms",
					BEAT_MS, BEAT_MS, PROXY_TIMEOUT.toSeconds(), idleMillis,
					idleMillis / (double) PROXY_TIMEOUT.toMillis(), deliveredMillis);
		}
	}

	@Test
	void cutsASilentClientWithoutHeartbeatsAtTheProxyTimeout() throws IOException {
		NginxProxy proxy = nginx.start(withShortReadTimeout(cluster.ports()));

		long handshakeFrom = System.nanoTime();
		// heart-beat:0,0, the kit's default: neither side beats.
		try (StompTestSession ann = StompTestClient.overWebSocket(proxy.wsUri("/ws/chat"),
				ClusterClients.bearer(token("alice")), WAIT)) {
			long connectedAt = System.nanoTime();
			boolean cut = awaitQuietly(PROXY_TIMEOUT.plus(WAIT), () -> !ann.isConnected());
			long silentMillis = millisSince(connectedAt);
			long sinceHandshake = millisSince(handshakeFrom);

			assertThat(cut).as("""
					a client with heart-beat:0,0 that sends nothing, behind proxy_read_timeout %d s, \
					still connected %d s later: did Nginx keep the socket?
					%s""".formatted(PROXY_TIMEOUT.toSeconds(), PROXY_TIMEOUT.plus(WAIT).toSeconds(), ann.transcript()))
				.isTrue();
			// Nginx times the silence from its last read or write, which came after the
			// handshake began: it cannot cut earlier than that.
			assertThat(sinceHandshake).as("ms from the handshake to the cut")
				.isGreaterThanOrEqualTo(PROXY_TIMEOUT.toMillis());
			report(row("without heartbeats, silent", "0,0", "Nginx, proxy_read_timeout " + proxySeconds(),
					"cut by Nginx", "%,d ms after CONNECTED".formatted(silentMillis)),
					"[drill] heartbeat-proxy (without heartbeats): heart-beat 0,0 through proxy_read_timeout %d s: "
							+ "cut %,d ms after CONNECTED (%,d ms after the handshake began, CONNECTED after %,d ms)%n%s",
					PROXY_TIMEOUT.toSeconds(), silentMillis, sinceHandshake, sinceHandshake - silentMillis,
					ann.transcript());
		}
	}

	@Test
	void findsAClientWhoseHeartbeatsStopAndCleansUpAfterIt() throws Exception {
		ClusterPresence presence = cluster.context(0).getBean(ClusterPresence.class);
		await("bob offline before the drill (no session of his left by another test)").atMost(WAIT)
			.until(() -> !presence.isOnline("bob"));
		String room = ClusterClients.room("beats-stop");
		ScheduledExecutorService beater = Executors.newSingleThreadScheduledExecutor();

		try (StompTestSession alice = ClusterClients.connect(cluster.port(1), "alice")) {
			FrameQueue presenceChanges = alice.subscribeWithReceipt("/topic/presence", WAIT);
			int connectionsBefore = cluster.broker().stompConnections().size();
			try (RawWebSocketClient bob = RawWebSocketClient.connect(
					URI.create("ws://127.0.0.1:" + cluster.port(0) + "/ws/chat"),
					"Origin: " + ChatCluster.PAGE_ORIGIN)) {
				bob.send(WireFrame
					.text("CONNECT\naccept-version:1.2\nhost:chat\nheart-beat:%d,%d\nAuthorization:Bearer %s\n\n\0"
						.formatted(BEAT_MS, BEAT_MS, token("bob"))));
				String connected = nextStompFrame(bob);
				assertThat(connected).as("the answer to bob's CONNECT").startsWith("CONNECTED");
				// RabbitMQ's answer, passed on by the relay: both sides beat each second.
				assertThat(connected).as("the negotiated heart-beat").contains("heart-beat:" + BEAT_MS + "," + BEAT_MS);
				// A beat every second from now on (STOMP 1.2: a heart-beat is an EOL), at
				// least BEATS of them and until the checks below are done; then none, the
				// socket kept open. (rabbitmqctl can take seconds on a busy machine.)
				AtomicInteger beaten = new AtomicInteger();
				AtomicLong lastBeatAt = new AtomicLong();
				AtomicBoolean checked = new AtomicBoolean();
				beater.scheduleAtFixedRate(() -> beat(bob, beaten, lastBeatAt, checked), 0, BEAT_MS,
						TimeUnit.MILLISECONDS);
				bob.send(WireFrame.text("SUBSCRIBE\nid:0\ndestination:/topic/room." + room + "\nreceipt:r0\n\n\0"));
				assertThat(nextStompFrame(bob)).startsWith("RECEIPT");
				nextPresence(presenceChanges, true);
				int connectionsDuring = cluster.broker().stompConnections().size();
				assertThat(connectionsDuring).as("the broker's STOMP connections with bob connected")
					.isEqualTo(connectionsBefore + 1);
				checked.set(true);
				Ending ending = readUntilTheEnd(bob, Duration.ofMillis(BEATS * BEAT_MS).plus(WAIT));
				long detectedMillis = TimeUnit.NANOSECONDS.toMillis(ending.at() - lastBeatAt.get());
				String transcript = "%s%nserver heart-beats seen: %d; frames: %s%n%s".formatted(ending.how(),
						ending.serverBeats(), ending.frames(), bob.transcript());

				assertThat(beaten.get()).as("beats sent before the session ended: " + transcript)
					.isGreaterThanOrEqualTo(BEATS);
				// RabbitMQ closes two to three intervals after the last data it read.
				assertThat(detectedMillis).as("ms from bob's last heartbeat to the end of his session: " + transcript)
					.isGreaterThanOrEqualTo(2 * BEAT_MS)
					.isLessThanOrEqualTo(TOLERANCE * BEAT_MS + HAND_ON.toMillis());
				assertThat(ending.how()).as(transcript).contains("Connection to broker closed.");

				long offlineMillis = TimeUnit.NANOSECONDS
					.toMillis(nextPresence(presenceChanges, false) - lastBeatAt.get());
				assertThat(offlineMillis).as("ms from bob's last heartbeat to alice seeing him offline")
					.isLessThanOrEqualTo(TOLERANCE * BEAT_MS + HAND_ON.toMillis());
				await("the broker's STOMP connections back to " + connectionsBefore).atMost(WAIT)
					.until(() -> cluster.broker().stompConnections().size() == connectionsBefore);
				long freedMillis = millisSince(lastBeatAt.get());
				report(row("heartbeats stop, TCP kept open", BEAT_MS + "," + BEAT_MS,
						"straight to an instance; RabbitMQ's 2 to 3 intervals",
						"ERROR from the relay, then closed; offline after %,d ms; broker connection freed"
							.formatted(offlineMillis),
						"%,d ms after the last beat".formatted(detectedMillis)),
						"[drill] heartbeat-proxy (heartbeats stop): heart-beat %d,%d, %d beats then silence, straight "
								+ "to an instance: %s %,d ms after the last beat; alice saw bob offline after %,d ms; "
								+ "broker connections %d -> %d -> %d (back within %,d ms)",
						BEAT_MS, BEAT_MS, beaten.get(), ending.how(), detectedMillis, offlineMillis, connectionsBefore,
						connectionsDuring, connectionsBefore, freedMillis);
			}
		}
		finally {
			beater.shutdownNow();
		}
	}

	/** Exercise 3.4's file with every {@code proxy_read_timeout} set to the drill's. */
	private static NginxConfig withShortReadTimeout(List<Integer> ports) {
		return ShortProxyTimeout.config(ports, PROXY_TIMEOUT);
	}

	/**
	 * Sends one heartbeat, until {@link #BEATS} are sent and the checks are done; the
	 * scheduler then runs idle.
	 */
	private static void beat(RawWebSocketClient socket, AtomicInteger beaten, AtomicLong lastBeatAt,
			AtomicBoolean checked) {
		if (beaten.get() >= BEATS && checked.get()) {
			return;
		}
		try {
			socket.send(WireFrame.text("\n"));
			lastBeatAt.set(System.nanoTime());
			beaten.incrementAndGet();
		}
		catch (IOException ex) {
			// The session ended while beating: the count shows it.
		}
	}

	/**
	 * Reads what the server sends until it ends the session: server heartbeats are
	 * counted, and the end is the first ERROR frame, or a close if none comes.
	 */
	private static Ending readUntilTheEnd(RawWebSocketClient socket, Duration wait) {
		List<String> frames = new ArrayList<>();
		int serverBeats = 0;
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			WireFrame frame;
			try {
				frame = socket.nextFrame(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			}
			catch (AssertionError ended) {
				return new Ending(System.nanoTime(),
						"connection ended: " + ended.getMessage().lines().findFirst().orElse(""), serverBeats, frames);
			}
			if (frame.opcode() == WireFrame.CLOSE) {
				return new Ending(System.nanoTime(), "CLOSE " + frame.closeCode(), serverBeats, frames);
			}
			String text = frame.text();
			if (text.isBlank()) {
				serverBeats++;
				continue;
			}
			frames.add(text.replace("\0", ""));
			if (text.startsWith("ERROR")) {
				return new Ending(System.nanoTime(),
						"ERROR " + text.lines().filter((line) -> line.startsWith("message:")).findFirst().orElse(""),
						serverBeats, frames);
			}
		}
		return new Ending(System.nanoTime(), "still open after " + wait.toMillis() + " ms", serverBeats, frames);
	}

	/** Waits for alice to see bob come or go on {@code /topic/presence}; returns when. */
	private static long nextPresence(FrameQueue presenceChanges, boolean online) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			JsonNode change = json(
					presenceChanges.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).body());
			if ("bob".equals(change.path("user").asString()) && change.path("online").asBoolean() == online) {
				return System.nanoTime();
			}
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

	private static boolean awaitQuietly(Duration atMost, Callable<Boolean> condition) {
		try {
			await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static String token(String user) {
		return ClusterClients.token("http://127.0.0.1:" + cluster.port(0), user);
	}

	private static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

	private static String proxySeconds() {
		return PROXY_TIMEOUT.toSeconds() + " s";
	}

	private static String row(String client, String heartBeat, String path, String outcome, String when) {
		return "| %s | %s | %s | %s | %s | %s |%n".formatted(LocalDate.now(), client, heartBeat, path, outcome, when);
	}

	private static void report(String row, String format, Object... arguments) throws IOException {
		System.out.println(format.formatted(arguments));
		Path file = Path.of("target", "drills", "heartbeat-proxy.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/** How and when the server ended a session, and what it sent before. */
	private record Ending(long at, String how, int serverBeats, List<String> frames) {
	}

}
