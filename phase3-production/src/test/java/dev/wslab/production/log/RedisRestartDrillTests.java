package dev.wslab.production.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.redis.Redis;
import dev.wslab.kit.redis.RedisServer;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompHeaders;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure drill 4 (issue 11): Redis stopped and started again under traffic. Two
 * instances share a Redis of their own, with append-only persistence; alice, on one,
 * sends numbered room messages and private messages to bob, on the other, 20 of each a
 * second. After 50 of each, Redis is stopped (SIGTERM, the kit's
 * {@link Redis#stopKeepingData(RedisServer)}) and started again once alice has had 10 of
 * each answered while it was down.
 *
 * <p>
 * The rule: every message is either kept (it is in its log when Redis is back, and a
 * {@code since} replay brings it) or refused to its sender with a clear error, here
 * {@code store-unavailable} on {@code /user/queue/errors}, answered at once. Nothing is
 * silently dropped, nothing is kept twice, what was written before the stop survives the
 * restart, and the chat accepts messages again by itself once Redis is back. A
 * subscription made while Redis is down is told its history could not be read.
 */
@Grades("3.3")
class RedisRestartDrillTests {

	static final int PAIRS = 200;

	static final int STOP_AFTER = 50;

	static final int DOWN_FOR = 10;

	private static final Duration DRILL_WAIT = Duration.ofSeconds(120);

	@Test
	void keepsOrRefusesEveryMessageWhileRedisRestarts() throws Exception {
		ChatCluster cluster = ChatCluster.shared();
		RedisServer redis = Redis.startPrivate();
		String room = ClusterClients.room("redis");
		OutageDrill drill = new OutageDrill(room);
		OutageDrill.Pace pace = new OutageDrill.Pace();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
		try (ConfigurableApplicationContext first = cluster.startApart("redis-drill-1", onOwnRedis(redis));
				ConfigurableApplicationContext second = cluster.startApart("redis-drill-2", onOwnRedis(redis));
				StompTestSession alice = ClusterClients.connect(port(first), "alice");
				StompTestSession bob = ClusterClients.connect(port(second), "bob")) {
			FrameQueue aliceErrors = alice.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue aliceRoom = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			FrameQueue bobInbox = bob.subscribeWithReceipt("/user/queue/messages", WAIT);
			AtomicInteger attempted = new AtomicInteger();
			ticker.scheduleAtFixedRate(pace::tick, 0, OutageDrill.TICK.toMillis(), TimeUnit.MILLISECONDS);

			Future<?> sending = senders.submit(() -> {
				for (int n = 0; n < PAIRS; n++) {
					int number = n;
					pace.await();
					drill.sendOne("room", n, () -> alice.sendJson("/app/room." + room + ".send",
							"{\"text\":\"" + drill.text(number) + "\"}"), aliceRoom, aliceErrors);
					drill
						.sendOne("private", n,
								() -> alice.sendJson("/app/chat.private",
										"{\"to\":\"bob\",\"text\":\"" + drill.text(number) + "\"}"),
								bobInbox, aliceErrors);
					attempted.set(n + 1);
				}
				return null;
			});
			await("alice's first " + STOP_AFTER + " pairs answered").atMost(DRILL_WAIT)
				.until(() -> attempted.get() >= STOP_AFTER);
			long stopAt = System.nanoTime();
			Redis.stopKeepingData(redis);
			String whileDown = String.join("; ", whileRedisIsDown(port(second), room));
			await("alice's SENDs answered while Redis is down").atMost(DRILL_WAIT)
				.until(() -> drill.refused() + drill.unanswered() >= 2 * DOWN_FOR);
			Redis.startAgain(redis);
			long backAt = System.nanoTime();
			sending.get(DRILL_WAIT.toSeconds(), TimeUnit.SECONDS);
			drill.drainLate("room", aliceRoom, Duration.ofSeconds(1));
			drill.drainLate("private", bobInbox, Duration.ofSeconds(1));

			readBackTheLogs(drill, port(second), room);
			long recovered = drill.acceptedAfter(backAt);
			List<Long> refusals = drill.refusals();
			OutageDrill.Timings timings = new OutageDrill.Timings(millis(backAt - stopAt),
					refusals.isEmpty() ? 0 : millis(refusals.get(1) - refusals.get(0)), drill.slowestRefusalMillis(),
					(recovered < 0) ? -1 : millis(recovered - backAt));
			System.out.println("drill redis-restart, admin while Redis was down: " + whileDown);
			for (String kind : List.of("room", "private")) {
				OutageDrill.Figures figures = drill.figures(kind, STOP_AFTER);
				figures.report(timings);
				String transcript = figures.transcript(timings, whileDown);

				assertThat(figures.lost()).as(transcript).isZero();
				assertThat(figures.duplicated()).as(transcript).isZero();
				assertThat(figures.keptBeforeStop()).as("kept from before the stop: " + transcript)
					.isEqualTo(STOP_AFTER);
				assertThat(figures.refused()).as("the outage refused SENDs: " + transcript).isPositive();
				assertThat(figures.unanswered()).as("SENDs answered within the wait: " + transcript).isEmpty();
				assertThat(figures.codes()).as(transcript).containsExactly("store-unavailable");
			}
			assertThat(recovered).as("a SEND accepted after Redis came back: " + timings.line()).isPositive();
			assertThat(whileDown).contains("SUBSCRIBE to a room: error store-unavailable")
				.contains("SUBSCRIBE to a room with since: error store-unavailable");
		}
		finally {
			ticker.shutdownNow();
			senders.shutdownNow();
			Redis.stop(redis);
		}
	}

	/**
	 * What admin, a third user, sees when connecting and subscribing while Redis is down,
	 * each step waited for at most {@link OutageDrill#OUTCOME_WAIT}.
	 */
	private static List<String> whileRedisIsDown(int port, String room) {
		List<String> seen = new ArrayList<>();
		long start = System.nanoTime();
		try (StompTestSession admin = ClusterClients.connect(port, "admin")) {
			seen.add("CONNECT: CONNECTED in " + millis(System.nanoTime() - start) + " ms");
			FrameQueue errors = admin.subscribeWithReceipt("/user/queue/errors", WAIT);
			seen.add("SUBSCRIBE to a room: " + outcome(admin.subscribeIncludingHistory("/topic/room." + room), errors));
			StompHeaders since = new StompHeaders();
			since.setDestination("/topic/room." + room);
			since.add("since", "0-0");
			seen.add("SUBSCRIBE to a room with since: " + outcome(admin.subscribe(since), errors));
		}
		catch (AssertionError ex) {
			seen.add("failed after " + millis(System.nanoTime() - start) + " ms: "
					+ ex.getMessage().lines().findFirst().orElse(""));
		}
		return seen;
	}

	private static String outcome(FrameQueue frames, FrameQueue errors) {
		long start = System.nanoTime();
		long deadline = start + OutageDrill.OUTCOME_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			ReceivedFrame error = errors.poll(Duration.ofMillis(10));
			if (error != null) {
				return "error " + json(error.body()).path("code").asString() + " in "
						+ millis(System.nanoTime() - start) + " ms";
			}
			if (frames.poll(Duration.ZERO) != null) {
				return "a message frame in " + millis(System.nanoTime() - start) + " ms";
			}
		}
		return "nothing within " + OutageDrill.OUTCOME_WAIT.toMillis() + " ms";
	}

	/** Replays the room and bob's inbox from their start, as a client resuming would. */
	private static void readBackTheLogs(OutageDrill drill, int port, String room) {
		try (StompTestSession reader = ClusterClients.connect(port, "bob")) {
			drill.countLog("room", reader.subscribeWithReceipt(sinceStart("/topic/room." + room), WAIT),
					drill.lastAccepted("room"), Duration.ofSeconds(2));
			drill.countLog("private", reader.subscribeWithReceipt(sinceStart("/user/queue/messages"), WAIT),
					drill.lastAccepted("private"), Duration.ofSeconds(2));
		}
	}

	private static StompHeaders sinceStart(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.add("since", "0-0");
		return headers;
	}

	private static Map<String, Object> onOwnRedis(RedisServer redis) {
		Map<String, Object> overrides = new HashMap<>();
		// The rate limit (3.5) raised out of the way of 20 SENDs a second.
		overrides.put("wslab.limits.messages-per-second", 100_000);
		overrides.put("wslab.limits.burst", 100_000);
		overrides.put("spring.data.redis.host", redis.host());
		overrides.put("spring.data.redis.port", redis.port());
		overrides.put("spring.data.redis.password", redis.password());
		return overrides;
	}

	private static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
