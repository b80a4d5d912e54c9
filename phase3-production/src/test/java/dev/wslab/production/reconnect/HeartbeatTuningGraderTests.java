package dev.wslab.production.reconnect;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.nginx.NginxExtension;
import dev.wslab.kit.nginx.NginxProxy;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.18: heartbeats tuned against a proxy's idle timeout. Three tables of
 * cases for {@link HeartbeatTuning}'s rules (negotiation, the header for a proxy and its
 * refusal, the dead-peer deadline), then the proof on the wire: behind exercise 3.4's
 * Nginx with {@code proxy_read_timeout} cut to 4 s (set up as in failure drill 3,
 * {@link HeartbeatProxyDrillTests}), a {@link ReconnectingChatClient} given that timeout
 * stays connected on heartbeats alone, while the same client given the chat's real 30 s
 * is cut by the proxy.
 *
 * <p>
 * Why 4 s and not the drill's 3: the tuned header is then {@code 2000,2000}, and every
 * check on the way has a second to spare on a busy machine. Spring's client beats about
 * every 1.5 intervals (3 s), RabbitMQ closes after two of its intervals of silence (4 s)
 * and beats every interval at most (2 s), and Nginx cuts after 4 s of silence.
 */
@Grades("3.18")
class HeartbeatTuningGraderTests {

	@RegisterExtension
	static final NginxExtension nginx = new NginxExtension();

	/** The proxy's idle timeout in the graders on the wire: 3.4's 30 s, shortened. */
	private static final Duration PROXY_TIMEOUT = Duration.ofSeconds(4);

	/** 3.4's real {@code proxy_read_timeout}: what the cut client is tuned for. */
	private static final Duration CHATS_PROXY_TIMEOUT = Duration.ofSeconds(30);

	/** How long the tuned client must stay connected: over three timeouts. */
	private static final Duration SEVERAL_TIMEOUTS = PROXY_TIMEOUT.multipliedBy(3).plusSeconds(1);

	@ParameterizedTest(name = "CONNECT {0}, CONNECTED {1}: client beats every {2} ms, server every {3} ms")
	@CsvSource(delimiter = '|', textBlock = """
			# CONNECT cx,cy | CONNECTED sx,sy | client to server | server to client
			0,0             | 0,0             | 0                | 0
			1000,1000       | 1000,1000       | 1000             | 1000
			1500,1500       | 1000,1000       | 1500             | 1500
			10000,10000     | 10000,10000     | 10000            | 10000
			1000,4000       | 2000,3000       | 3000             | 4000
			5000,1000       | 500,2000        | 5000             | 1000
			6000,0          | 1000,1000       | 6000             | 0
			0,6000          | 1000,1000       | 0                | 6000
			1000,1000       | 0,0             | 0                | 0
			1000,1000       | 5000,0          | 0                | 5000
			1000,1000       | 0,5000          | 5000             | 0
			""")
	void negotiatesTheLargerFigureEachWayAndNoneWhenEitherSideSaysZero(String connect, String connected,
			long clientToServer, long serverToClient) {
		HeartbeatIntervals settled = HeartbeatTuning.negotiate(heartBeat(connect), heartBeat(connected));

		assertThat(settled)
			.as("""
					3.18: CONNECT heart-beat:%s, CONNECTED heart-beat:%s
					(hint: STOMP 1.2, Heart-beating: client to server pairs the client's first figure with
					the server's second, max(cx, sy); server to client max(sx, cy); 0 on either side: none)""", connect,
					connected)
			.isEqualTo(new HeartbeatIntervals(Duration.ofMillis(clientToServer), Duration.ofMillis(serverToClient)));
	}

	@ParameterizedTest(name = "proxy_read_timeout {0} ms, server offers {1}: heart-beat {2}")
	@CsvSource(delimiter = '|', textBlock = """
			# timeout ms | server offer | client header
			3000         | 1000,1000    | 1000,1000
			4000         | 1000,1000    | 2000,2000
			30000        | 1000,1000    | 15000,15000
			5000         | 1000,1000    | 2000,2000
			3001         | 1000,1000    | 1000,1000
			3000         | 1500,1500    | 1000,1000
			60000        | 10000,10000  | 30000,30000
			30000        | 10000,5000   | 15000,15000
			1800         | 500,500      | 900,900
			1000         | 100,250      | 500,500
			""")
	void asksForABeatEachWayAtLeastEveryHalfTheProxyTimeout(long timeoutMillis, String offer, String expected) {
		HeartBeat header = HeartbeatTuning.forProxy(Duration.ofMillis(timeoutMillis), heartBeat(offer));

		assertThat(header)
			.as("""
					3.18: the client's heart-beat behind proxy_read_timeout %d ms, the server offering %s
					(hint: limit = timeout / MARGIN in whole ms, rounded down, asked both ways: a client that
					checks on a timer can let 1.5 intervals pass between beats, still under the timeout)""",
					timeoutMillis, offer)
			.isEqualTo(heartBeat(expected));
		HeartbeatIntervals settled = HeartbeatTuning.negotiate(header, heartBeat(offer));
		assertThat(List.of(settled.clientToServer(), settled.serverToClient()))
			.as("3.18: what that header negotiates with %s: a beat each way, within half the timeout", offer)
			.allSatisfy((interval) -> assertThat(interval).isPositive()
				.isLessThanOrEqualTo(Duration.ofMillis(timeoutMillis / 2)));
	}

	@ParameterizedTest(name = "proxy_read_timeout {0} ms, server offers {1}: refused")
	@CsvSource(delimiter = '|', textBlock = """
			# timeout ms | server offer | limit ms | why
			3000         | 10000,10000  | 1500     | Phase 2's simple broker beats every 10 s
			3000         | 1501,1000    | 1500     | the server beats 1 ms too seldom
			3000         | 1000,1501    | 1500     | the server wants beats 1 ms too seldom
			3000         | 0,1000       | 1500     | the server never beats
			3000         | 1000,0       | 1500     | the server wants no beats
			3000         | 0,0          | 1500     | no heartbeats at all
			1500         | 1000,1000    | 750      | RabbitMQ counts in whole seconds, 1 s at least
			""")
	void refusesAServerThatBeatsTooSeldomNamingItsOfferAndTheLimit(long timeoutMillis, String offer, long limitMillis,
			String why) {
		Throwable refusal = catchThrowable(
				() -> HeartbeatTuning.forProxy(Duration.ofMillis(timeoutMillis), heartBeat(offer)));

		assertThat(refusal).as("""
				3.18: behind proxy_read_timeout %d ms, the server offering heart-beat:%s (%s): negotiation
				takes the larger figure, so no client header keeps this connection
				(hint: throw new HeartbeatTooSlowException(offer, timeout, limit), never a header that will be cut)""",
				timeoutMillis, offer, why)
			.isInstanceOf(HeartbeatTooSlowException.class);
		HeartbeatTooSlowException tooSlow = (HeartbeatTooSlowException) refusal;
		assertThat(List.of(tooSlow.serverOffer(), tooSlow.proxyReadTimeout(), tooSlow.limit()))
			.as("3.18: the refusal's figures: the server's offer, the proxy's timeout and the limit")
			.containsExactly(heartBeat(offer), Duration.ofMillis(timeoutMillis), Duration.ofMillis(limitMillis));
		assertThat(tooSlow.getMessage()).as("3.18: the refusal's message names both figures")
			.contains("heart-beat:" + offer, limitMillis + " ms");
	}

	@Test
	void refusesAProxyTimeoutOfZeroOrLess() {
		for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-3))) {
			Throwable refusal = catchThrowable(() -> HeartbeatTuning.forProxy(timeout, heartBeat("1000,1000")));

			assertThat(refusal)
				.as("3.18: forProxy with proxy_read_timeout %s (hint: IllegalArgumentException, "
						+ "before any limit is computed)", timeout)
				.isInstanceOf(IllegalArgumentException.class)
				.isNotInstanceOf(HeartbeatTooSlowException.class);
		}
	}

	@ParameterizedTest(name = "a peer beating every {0} ms is dead after {1} ms of silence")
	@CsvSource(delimiter = '|', textBlock = """
			# interval ms | dead after ms (empty: never by heartbeats)
			1000          | 3000
			1500          | 4500
			10000         | 30000
			15000         | 45000
			0             |
			""")
	void countsAPeerDeadAfterThreeOfItsIntervalsOfSilence(long intervalMillis, Long deadAfterMillis) {
		Optional<Duration> deadAfter = HeartbeatTuning.deadAfter(Duration.ofMillis(intervalMillis));

		assertThat(deadAfter)
			.as("""
					3.18: how long a peer that beats every %d ms may stay silent
					(hint: TOLERANCE x the interval, Spring's DefaultStompSession rule and the top of
					RabbitMQ's two to three; empty when the peer does not beat: silence then proves nothing)""",
					intervalMillis)
			.isEqualTo(Optional.ofNullable(deadAfterMillis).map(Duration::ofMillis));
	}

	@Test
	void givesTheClientThreeOfTheChatsIntervalsBehindTheRelayAndRefusesANegativeOne() {
		HeartbeatIntervals behindTheRelay = HeartbeatTuning.negotiate(heartBeat("1500,1500"), heartBeat("1000,1000"));

		assertThat(HeartbeatTuning.deadAfter(behindTheRelay.serverToClient()))
			.as("3.18: the client's deadline for the chat's beats, tuned for 3 s behind the relay")
			.contains(Duration.ofMillis(4500));
		assertThat(catchThrowable(() -> HeartbeatTuning.deadAfter(Duration.ofMillis(-1))))
			.as("3.18: deadAfter of a negative interval")
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aClientTunedForTheProxyStaysConnectedThroughSeveralTimeouts() throws Exception {
		ChatCluster cluster = warmCluster();
		NginxProxy proxy = nginx.start(ShortProxyTimeout.config(cluster.ports(), PROXY_TIMEOUT));
		String room = ClusterClients.room("tuned");
		Events bob = new Events();

		try (ReconnectingChatClient client = new ReconnectingChatClient(List.of(proxy.wsUri("/ws/chat")),
				() -> token(cluster, "bob"), bob, backoff(), bob::hold, PROXY_TIMEOUT);
				StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			client.start();
			await("bob connected through Nginx").atMost(WAIT).until(client::isConnected);
			client.subscribe("/topic/room." + room, null).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

			// Nothing but heartbeats crosses the proxy now, for more than three timeouts.
			await("bob connected for " + SEVERAL_TIMEOUTS.toSeconds() + " s on heartbeats alone")
				.during(SEVERAL_TIMEOUTS)
				.atMost(SEVERAL_TIMEOUTS.plusSeconds(2))
				.untilAsserted(() -> {
					client.rethrowFailure();
					assertThat(bob.disconnects)
						.as("""
								3.18: the disconnections of bob, whose client sends heart-beat:%s behind
								proxy_read_timeout %d s, in %d s of heartbeats alone (hint: HeartbeatTuning.forProxy
								asks for a beat each way at least every timeout / MARGIN)""",
								client.heartBeat().header(), PROXY_TIMEOUT.toSeconds(), SEVERAL_TIMEOUTS.toSeconds())
						.isEmpty();
				});
			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"still there?\"}");
			String message = bob.messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);

			assertThat(message)
				.as("3.18: the room message alice sent once bob had been idle for %d s", SEVERAL_TIMEOUTS.toSeconds())
				.isNotNull();
			assertThat(json(message).path("text").asString()).isEqualTo("still there?");
			assertThat(client.attempts()).as("3.18: bob's connection attempts: one, never cut").isEqualTo(1);
		}
	}

	@Test
	void aClientTunedForALongerProxyTimeoutIsCutByTheRealOne() throws Exception {
		ChatCluster cluster = warmCluster();
		NginxProxy proxy = nginx.start(ShortProxyTimeout.config(cluster.ports(), PROXY_TIMEOUT));
		Events bob = new Events();

		// The same chat and the same proxy, but a client tuned for the chat's 30 s.
		try (ReconnectingChatClient client = new ReconnectingChatClient(List.of(proxy.wsUri("/ws/chat")),
				() -> token(cluster, "bob"), bob, backoff(), bob::hold, CHATS_PROXY_TIMEOUT)) {
			long startedAt = System.nanoTime();
			client.start();
			await("bob connected through Nginx").atMost(WAIT).until(client::isConnected);
			String cut = bob.disconnects.poll(PROXY_TIMEOUT.plus(WAIT).toMillis(), TimeUnit.MILLISECONDS);
			long cutMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);

			assertThat(cut)
				.as("""
						3.18: bob's client, tuned for proxy_read_timeout %d s (heart-beat:%s), behind a proxy whose
						timeout is %d s: still connected %d s later. Tuned for a longer timeout, its beats come too
						seldom, and the proxy must cut it: does forProxy scale the header with the timeout?""",
						CHATS_PROXY_TIMEOUT.toSeconds(), client.heartBeat().header(), PROXY_TIMEOUT.toSeconds(),
						PROXY_TIMEOUT.plus(WAIT).toSeconds())
				.isNotNull();
			// Nginx times the silence from its last read or write, after the handshake
			// began.
			assertThat(cutMillis).as("ms from start to the cut (%s)", cut)
				.isGreaterThanOrEqualTo(PROXY_TIMEOUT.toMillis());
		}
	}

	/**
	 * The shared cluster, each instance's first CONNECT made: a fresh instance's first
	 * one can take seconds (its first Redis and broker connections), as long as the
	 * proxy's timeout.
	 */
	private static ChatCluster warmCluster() {
		ChatCluster cluster = ChatCluster.shared();
		for (int port : cluster.ports()) {
			ClusterClients.connect(port, "alice").close();
		}
		return cluster;
	}

	private static String token(ChatCluster cluster, String user) {
		return ClusterClients.token("http://127.0.0.1:" + cluster.port(0), user);
	}

	private static Backoff backoff() {
		return new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ZERO, () -> 0L);
	}

	private static HeartBeat heartBeat(String header) {
		String[] figures = header.trim().split(",");
		return new HeartBeat(Long.parseLong(figures[0].trim()), Long.parseLong(figures[1].trim()));
	}

	/**
	 * What a client told its user, in queues; reconnection attempts are held, never run,
	 * so one cut stays one.
	 */
	private static final class Events implements ChatListener {

		final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		/** Each end of a connection, with when it came. */
		final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

		private final long createdAt = System.nanoTime();

		@Override
		public void message(String destination, String id, String json) {
			this.messages.add(json);
		}

		@Override
		public void disconnected(String reason) {
			this.disconnects.add("at %,d ms: %s"
				.formatted(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.createdAt), reason));
		}

		void hold(Duration delay, Runnable attempt) {
			// Held: the test ends before any reconnection.
		}

	}

}
