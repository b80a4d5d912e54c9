package dev.wslab.production.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;

import static dev.wslab.production.cluster.ClusterClients.json;

/**
 * Alice's side of the Redis drill, Jepsen-style: she sends numbered room and private
 * messages at a steady pace, one SEND outstanding at a time, and records for each number
 * what came back within {@link #OUTCOME_WAIT}: her own copy of the room message or bob's
 * copy of the private one (accepted), a frame on her {@code /user/queue/errors} (refused,
 * with its code), or nothing. After the drill, {@link #figures} compares that with what
 * the logs in Redis replay.
 */
final class OutageDrill {

	/**
	 * How long alice waits for the answer to one SEND before she counts it unanswered.
	 */
	static final Duration OUTCOME_WAIT = Duration.ofSeconds(3);

	/** One room message and one private message per tick: 20 of each a second. */
	static final Duration TICK = Duration.ofMillis(50);

	private final String run;

	private final Pattern sequence;

	private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

	private final List<Long> acceptedAtNanos = new CopyOnWriteArrayList<>();

	private final List<Long> refusedAtNanos = new CopyOnWriteArrayList<>();

	private volatile long slowestRefusalNanos;

	OutageDrill(String run) {
		this.run = run;
		this.sequence = Pattern.compile(Pattern.quote(run) + " seq (\\d+)");
		this.kinds.put("room", new Kind());
		this.kinds.put("private", new Kind());
	}

	String text(int n) {
		return this.run + " seq " + n;
	}

	/**
	 * Sends one message and waits for its outcome.
	 * @param kind {@code room} or {@code private}
	 * @param n its number
	 * @param send sends it
	 * @param copies where an accepted message shows up
	 * @param errors alice's {@code /user/queue/errors}
	 */
	void sendOne(String kind, int n, Runnable send, FrameQueue copies, FrameQueue errors) {
		Kind counts = this.kinds.get(kind);
		counts.sent++;
		long sentAt = System.nanoTime();
		send.run();
		long deadline = sentAt + OUTCOME_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			ReceivedFrame copy = copies.poll(Duration.ofMillis(10));
			if (copy != null && countLive(counts, copy) == n) {
				this.acceptedAtNanos.add(System.nanoTime());
				return;
			}
			ReceivedFrame error = errors.poll(Duration.ZERO);
			if (error != null) {
				// One SEND outstanding at a time: the error is this one's.
				counts.refused.put(n, json(error.body()).path("code").asString());
				long refusedAt = System.nanoTime();
				this.refusedAtNanos.add(refusedAt);
				this.slowestRefusalNanos = Math.max(this.slowestRefusalNanos, refusedAt - sentAt);
				return;
			}
		}
		counts.unanswered.add(n);
	}

	/** Takes whatever live copies arrived late, within a bounded wait. */
	void drainLate(String kind, FrameQueue copies, Duration quiet) {
		for (ReceivedFrame copy = copies.poll(quiet); copy != null; copy = copies.poll(quiet)) {
			countLive(this.kinds.get(kind), copy);
		}
	}

	/** Counts a replay of a whole log: every frame up to the one numbered last. */
	void countLog(String kind, FrameQueue replay, int last, Duration wait) {
		Kind counts = this.kinds.get(kind);
		for (ReceivedFrame frame = replay.poll(wait); frame != null; frame = replay.poll(wait)) {
			int n = number(frame);
			if (n >= 0) {
				counts.logged.merge(n, 1, Integer::sum);
			}
			if (n == last) {
				return;
			}
		}
	}

	/** The last number accepted of a kind, or -1. */
	int lastAccepted(String kind) {
		return this.kinds.get(kind).live.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
	}

	/** Nanoseconds of the first SEND accepted after a moment, or -1. */
	long acceptedAfter(long nanos) {
		return this.acceptedAtNanos.stream().filter((at) -> at >= nanos).findFirst().orElse(-1L);
	}

	/** Nanoseconds of the first and the last refusal, or empty. */
	List<Long> refusals() {
		return this.refusedAtNanos.isEmpty() ? List.of()
				: List.of(this.refusedAtNanos.get(0), this.refusedAtNanos.get(this.refusedAtNanos.size() - 1));
	}

	long slowestRefusalMillis() {
		return TimeUnit.NANOSECONDS.toMillis(this.slowestRefusalNanos);
	}

	int refused() {
		return this.kinds.values().stream().mapToInt((kind) -> kind.refused.size()).sum();
	}

	int unanswered() {
		return this.kinds.values().stream().mapToInt((kind) -> kind.unanswered.size()).sum();
	}

	Figures figures(String kind, int keptBeforeStop) {
		Kind counts = this.kinds.get(kind);
		List<Integer> lost = new ArrayList<>();
		List<Integer> refusedButKept = new ArrayList<>();
		int kept = 0;
		int duplicated = 0;
		for (int n = 0; n < counts.sent; n++) {
			int logged = counts.logged.getOrDefault(n, 0);
			kept += (logged > 0) ? 1 : 0;
			duplicated += Math.max(0, logged - 1) + Math.max(0, counts.live.getOrDefault(n, 0) - 1);
			if (logged == 0 && !counts.refused.containsKey(n)) {
				lost.add(n);
			}
			if (logged > 0 && counts.refused.containsKey(n)) {
				refusedButKept.add(n);
			}
		}
		int keptBefore = (int) counts.logged.keySet().stream().filter((n) -> n < keptBeforeStop).count();
		return new Figures(kind, counts.sent, kept, counts.refused.size(), lost.size(), duplicated, counts.live.size(),
				keptBefore, keptBeforeStop, lost, refusedButKept, List.copyOf(counts.unanswered),
				List.copyOf(new TreeSet<>(counts.refused.values())));
	}

	private int countLive(Kind counts, ReceivedFrame copy) {
		int n = number(copy);
		if (n >= 0) {
			counts.live.merge(n, 1, Integer::sum);
		}
		return n;
	}

	private int number(ReceivedFrame frame) {
		Matcher matcher = this.sequence.matcher(frame.body());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	/**
	 * A steady pace: a tick every {@link #TICK}; a slow sender skips ticks, never bursts.
	 */
	static final class Pace {

		private final BlockingQueue<Long> ticks = new LinkedBlockingQueue<>(1);

		void tick() {
			this.ticks.offer(System.nanoTime());
		}

		void await() throws InterruptedException {
			this.ticks.poll(TICK.toMillis() * 20, TimeUnit.MILLISECONDS);
		}

	}

	/** One kind's counts. Written by the sender thread, read after it finished. */
	private static final class Kind {

		private int sent;

		private final Map<Integer, Integer> live = new ConcurrentHashMap<>();

		private final Map<Integer, String> refused = new ConcurrentHashMap<>();

		private final List<Integer> unanswered = new CopyOnWriteArrayList<>();

		private final Map<Integer, Integer> logged = new ConcurrentHashMap<>();

	}

	/** What one kind of message came to. */
	record Figures(String kind, int sent, int kept, int refused, int lost, int duplicated, int deliveredLive,
			int keptBeforeStop, int sentBeforeStop, List<Integer> lostNumbers, List<Integer> refusedButKept,
			List<Integer> unanswered, List<String> codes) {

		String line(Timings timings) {
			return ("drill redis-restart (%s): sent %d, kept %d, refused %d %s, lost %d, duplicated %d, "
					+ "delivered live %d, unanswered %d, refused but kept %d; %s")
				.formatted(this.kind, this.sent, this.kept, this.refused, this.codes, this.lost, this.duplicated,
						this.deliveredLive, this.unanswered.size(), this.refusedButKept.size(), timings.line());
		}

		String transcript(Timings timings, String whileDown) {
			return """
					%s
					numbers neither kept nor refused: %s
					refused, yet kept: %s
					no answer within %d ms: %s
					while Redis was down: %s""".formatted(line(timings), this.lostNumbers, this.refusedButKept,
					OUTCOME_WAIT.toMillis(), this.unanswered, whileDown);
		}

		void report(Timings timings) throws IOException {
			System.out.println(line(timings));
			Path file = Path.of("target", "drills", "redis-restart.md");
			Files.createDirectories(file.getParent());
			Files.writeString(file,
					"| %s | %s | %d | %d | %d | %d | %d | %d/%d | %d ms | %d ms | %d ms | %d ms |%n".formatted(
							LocalDate.now(), this.kind, this.sent, this.kept, this.refused, this.lost, this.duplicated,
							this.keptBeforeStop, this.sentBeforeStop, timings.redisDownMillis(),
							timings.refusingMillis(), timings.slowestRefusalMillis(), timings.recoveredMillis()),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}

	}

	/**
	 * The drill's clock.
	 *
	 * @param redisDownMillis from the start of Redis's stop to its answering PING again
	 * @param refusingMillis from the first refusal to the last
	 * @param slowestRefusalMillis the longest a refused SEND waited for its error
	 * @param recoveredMillis from Redis answering PING again to the first SEND accepted
	 * after
	 */
	record Timings(long redisDownMillis, long refusingMillis, long slowestRefusalMillis, long recoveredMillis) {

		String line() {
			return "Redis down %d ms, SENDs refused for %d ms (slowest refusal %d ms), recovered %d ms after Redis was back"
				.formatted(this.redisDownMillis, this.refusingMillis, this.slowestRefusalMillis, this.recoveredMillis);
		}

	}

}
