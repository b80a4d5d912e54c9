package dev.wslab.production.reconnect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 3.9 without sleeping: the delays are computed, never waited for. A
 * random source that always answers 0 shows the exponential part alone; a seeded one
 * shows the jitter's bounds and spread.
 */
@Grades("3.9")
class BackoffGraderTests {

	/** Every draw is 0: nextLong(bound), nextInt(bound) and nextDouble() all answer 0. */
	private static final RandomGenerator NO_JITTER = () -> 0L;

	@Test
	void doublesFromFiveHundredMillisecondsUpToThirtySeconds() {
		Backoff backoff = new Backoff(NO_JITTER);

		List<Long> millis = IntStream.range(0, 10).mapToObj((failures) -> backoff.delay(failures).toMillis()).toList();

		assertThat(millis).as("""
				3.9: the delays for 0 to 9 failures, with a random source that always draws 0
				(hint: base.toMillis() << failures, then Math.min with the cap)""")
			.containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L, 30_000L);
	}

	@Test
	void staysAtTheCapAfterAnyNumberOfFailuresWithoutOverflowing() {
		Backoff backoff = new Backoff(NO_JITTER);

		for (int failures : new int[] { 31, 32, 33, 62, 63, 64, 65, 1_000, Integer.MAX_VALUE }) {
			assertThat(backoff.delay(failures)).as("""
					3.9: the delay after %d failures
					(hint: a long shifted 63 places or more overflows, and a shift wraps at 64:
					once the doubling passes the cap, the answer is the cap)""", failures)
				.isEqualTo(Duration.ofSeconds(30));
		}
	}

	@Test
	void addsJitterBetweenZeroAndOneSecondSpreadAcrossThatSecond() {
		Backoff backoff = new Backoff(new SplittableRandom(20_260_611L));

		for (int failures : new int[] { 0, 3, 40 }) {
			long floor = Math.min(500L << failures, 30_000L);
			List<Long> jitters = new ArrayList<>();
			for (int draw = 0; draw < 1_000; draw++) {
				jitters.add(backoff.delay(failures).toMillis() - floor);
			}

			assertThat(jitters).as("""
					3.9: the jitter above %d ms after %d failures, in 1,000 draws
					(hint: random.nextLong(maxJitter.toMillis()) is in [0, 1000))""", floor, failures)
				.allSatisfy((jitter) -> assertThat(jitter).isBetween(0L, 999L));
			assertThat(jitters.stream().distinct().count()).as("""
					3.9: how many different jitters 1,000 draws gave after %d failures: clients that
					all wait the same time come back together (the thundering herd)""", failures).isGreaterThan(500);
			assertThat(jitters.stream().mapToLong(Long::longValue).min().orElseThrow()).as("the smallest jitter")
				.isLessThan(100L);
			assertThat(jitters.stream().mapToLong(Long::longValue).max().orElseThrow()).as("the largest jitter")
				.isGreaterThan(900L);
		}
	}

	@Test
	void takesItsFiguresFromTheConstructorSoTestsCanReconnectQuickly() {
		Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ZERO, NO_JITTER);

		assertThat(IntStream.range(0, 5).mapToObj((failures) -> backoff.delay(failures).toMillis()).toList())
			.as("3.9: a 20 ms base, a 100 ms cap and no jitter (hint: use the fields, not the constants)")
			.containsExactly(20L, 40L, 80L, 100L, 100L);
	}

}
