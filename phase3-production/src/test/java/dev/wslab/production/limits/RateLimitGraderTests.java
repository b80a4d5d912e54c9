package dev.wslab.production.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.5: a flooder is refused with {@code rate-limited}, keeps its session,
 * and does not slow anybody else down. The cluster runs with the defaults of
 * {@code application.properties}: 10 messages a second, 20 at once.
 */
@Grades("3.5")
class RateLimitGraderTests {

	private static final int RATE = 10;

	private static final int BURST = 20;

	private static final int FLOOD = 200;

	/** The most SENDs the flooder of the latency test makes, however fast it goes. */
	private static final int MAX_FLOOD = 2_000;

	/** Deliveries timed per run, with and without a flooder. */
	private static final int SAMPLES = 8;

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	/**
	 * Gives alice her bucket back before other grader classes, which share the cluster,
	 * send as her: one SEND at a time until one gets through unrefused; from there it
	 * refills by ten a second while the next class starts.
	 */
	@AfterAll
	static void refillAlicesBucket() {
		String room = ClusterClients.room("refill");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue errors = alice.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue live = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			await("alice's bucket refilled on instance 1").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> {
					if (!alice.isConnected()) {
						// An ERROR closed the session: a SEND failed on the server (a
						// starter's
						// TODO), so there is no bucket to refill, and the tests said why.
						return true;
					}
					try {
						alice.sendJson("/app/room." + room + ".send", "{\"text\":\"probe\"}");
					}
					catch (IllegalStateException closedMeanwhile) {
						return true;
					}
					return live.poll(Duration.ofSeconds(2)) != null && errors.poll(Duration.ZERO) == null;
				});
		}
	}

	@Test
	void refusesAFlooderWithRateLimitedAndDropsWhatIsOverTheLimit() {
		String room = ClusterClients.room("flood");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession admin = ClusterClients.connect(cluster.port(1), "admin")) {
			FrameQueue errors = alice.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue delivered = admin.subscribeWithReceipt("/topic/room." + room, WAIT);

			long started = System.nanoTime();
			for (int i = 1; i <= FLOOD; i++) {
				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"flood " + i + "\"}");
			}
			long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;

			JsonNode refusal = json(errors.next(WAIT).body());
			assertThat(refusal.path("code").asString()).as("""
					3.5: the answer on /user/queue/errors to the SENDs over the limit
					(hint: Bucket.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(rate, 1 s)),
					one bucket per user name, tryConsume(1))""").isEqualTo("rate-limited");
			assertThat(refusal.path("message").asString()).as("a message a person can read").isNotBlank();
			assertThat(alice.errors().poll(Duration.ZERO)).as("no ERROR frame: a refused SEND is not a protocol error")
				.isNull();
			assertThat(alice.isConnected()).as("the flooder's session stays open").isTrue();
			long allowed = BURST + RATE * seconds;
			int arrived = drain(delivered, (int) allowed + 1);
			System.out.printf("[3.5] %d SENDs in %d s or less: %d delivered (the limit allows at most %d)%n", FLOOD,
					seconds, arrived, allowed);
			assertThat(arrived).as("room messages delivered out of %d sent at once", FLOOD)
				.isLessThanOrEqualTo((int) allowed);
		}
	}

	@Test
	void letsTheFlooderSendAgainOnceItsBucketRefills() {
		String room = ClusterClients.room("refill");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession admin = ClusterClients.connect(cluster.port(1), "admin")) {
			FrameQueue errors = alice.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue delivered = admin.subscribeWithReceipt("/topic/room." + room, WAIT);
			for (int i = 1; i <= FLOOD; i++) {
				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"flood\"}");
			}
			assertThat(json(errors.next(WAIT).body()).path("code").asString()).isEqualTo("rate-limited");

			// A bounded poll, not a sleep: send again every 200 ms until one gets
			// through.
			await("a message from the flooder after its bucket refilled").atMost(WAIT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> {
					alice.sendJson("/app/room." + room + ".send", "{\"text\":\"calm again\"}");
					return drainUntil(delivered, "calm again");
				});
		}
	}

	@Test
	void keepsOtherUsersDeliveriesAsFastAsWithoutAFlooder() throws Exception {
		String room = ClusterClients.room("latency");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(0), "bob");
				StompTestSession admin = ClusterClients.connect(cluster.port(1), "admin")) {
			FrameQueue bobsErrors = bob.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue delivered = admin.subscribeWithReceipt("/topic/room." + room, WAIT);

			List<Long> quiet = timeDeliveries(bob, room, delivered, "quiet");
			AtomicBoolean flooding = new AtomicBoolean(true);
			AtomicInteger flooded = new AtomicInteger();
			String floodRoom = ClusterClients.room("flood");
			// The flooder shares bob's instance, and so its inbound thread pool.
			CompletableFuture<Void> flooder = CompletableFuture.runAsync(() -> {
				while (flooding.get() && flooded.get() < MAX_FLOOD) {
					alice.sendJson("/app/room." + floodRoom + ".send", "{\"text\":\"flood\"}");
					flooded.incrementAndGet();
				}
			});
			List<Long> underFlood;
			try {
				await("the flooder under way").atMost(WAIT).until(() -> flooded.get() >= 100);
				underFlood = timeDeliveries(bob, room, delivered, "flood");
			}
			finally {
				flooding.set(false);
				flooder.join();
			}

			long quietMedian = median(quiet);
			long floodMedian = median(underFlood);
			long bound = 10 * quietMedian + 250;
			System.out.printf(
					"[3.5] bob's delivery latency, median of %d: %d ms without a flooder, %d ms while alice sent %d SENDs (bound: %d ms); all: %s / %s%n",
					SAMPLES, quietMedian, floodMedian, flooded.get(), bound, quiet, underFlood);
			assertThat(bobsErrors.poll(Duration.ZERO)).as("bob, who sends slowly, is never refused").isNull();
			assertThat(floodMedian).as("""
					3.5: bob's median delivery latency in ms while alice floods, against %d ms without her
					(bound: 10 × that + 250 ms); the limit is per user""", quietMedian).isLessThanOrEqualTo(bound);
		}
	}

	/** Sends {@link #SAMPLES} messages one after another, each timed until delivered. */
	private static List<Long> timeDeliveries(StompTestSession sender, String room, FrameQueue delivered, String label) {
		List<Long> millis = new ArrayList<>();
		for (int i = 1; i <= SAMPLES; i++) {
			String text = label + " " + i;
			long sent = System.nanoTime();
			sender.sendJson("/app/room." + room + ".send", "{\"text\":\"" + text + "\"}");
			ReceivedFrame frame = delivered.next(WAIT);
			assertThat(json(frame.body()).path("text").asString()).as("every message of bob's arrives, in order")
				.isEqualTo(text);
			millis.add(Duration.ofNanos(System.nanoTime() - sent).toMillis());
		}
		return millis;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	/** Counts what arrives until a quiet second, or until more than the limit came. */
	private static int drain(FrameQueue queue, int enough) {
		int count = 0;
		while (count < enough && queue.poll(Duration.ofSeconds(1)) != null) {
			count++;
		}
		return count;
	}

	private static boolean drainUntil(FrameQueue queue, String text) {
		for (ReceivedFrame frame = queue.poll(Duration.ofMillis(100)); frame != null; frame = queue
			.poll(Duration.ofMillis(100))) {
			if (text.equals(json(frame.body()).path("text").asString())) {
				return true;
			}
		}
		return false;
	}

}
