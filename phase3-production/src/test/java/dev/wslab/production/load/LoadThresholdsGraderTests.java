package dev.wslab.production.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.load.Verdict.Threshold;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Grades the thresholds of exercise 3.16: the nearest-rank percentile, the verdict at and
 * just past each limit, and a real fan-out run on the two-instance cluster
 * ({@link FanOutLoad}) judged against limits set from what that run measured, one just
 * under and one at each figure, so the verdict must flip, whatever the machine's speed.
 */
@Grades("3.16")
class LoadThresholdsGraderTests {

	@Test
	void takesTheNearestRankPercentileAMeasuredLatencyNeverAnInterpolatedOne() {
		List<Duration> oneToHundred = shuffled(IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList());
		List<Duration> oneToTen = shuffled(IntStream.rangeClosed(1, 10).mapToObj(Duration::ofMillis).toList());
		List<Duration> asGiven = List.copyOf(oneToHundred);

		assertThat(LoadThresholds.percentile(oneToHundred, 0.99)).as("3.16: p99 of 1..100 ms, shuffled (rank 99)")
			.isEqualTo(Duration.ofMillis(99));
		assertThat(LoadThresholds.percentile(oneToTen, 0.99))
			.as("3.16: p99 of 1..10 ms (rank ceil(9.9) = 10: the highest)")
			.isEqualTo(Duration.ofMillis(10));
		assertThat(LoadThresholds.percentile(List.of(Duration.ofMillis(5)), 0.99)).as("3.16: p99 of one latency")
			.isEqualTo(Duration.ofMillis(5));
		assertThat(LoadThresholds.percentile(oneToHundred, 0.5)).as("3.16: p50 of 1..100 ms (rank 50)")
			.isEqualTo(Duration.ofMillis(50));
		assertThat(LoadThresholds.percentile(oneToHundred, 0.07))
			.as("3.16: p7 of 1..100 ms, rank 7 (hint: 0.07 * 100 is 7.000000000000001 in double; BigDecimal)")
			.isEqualTo(Duration.ofMillis(7));
		assertThat(oneToHundred).as("3.16: the caller's list, untouched: sort a copy").isEqualTo(asGiven);
	}

	@Test
	void passesAtEachLimitAndCrossesJustAboveIt() {
		List<Duration> latencies = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();
		LoadRun run = new LoadRun(latencies, 1000, 10);

		Verdict atTheLimits = new LoadThresholds(Duration.ofMillis(99), 0.01).judge(run);
		Verdict justAbove = new LoadThresholds(Duration.ofMillis(99).minusNanos(1), 0.01).judge(run);
		Verdict tooManyFailed = new LoadThresholds(Duration.ofSeconds(1), 0.0099).judge(run);
		Verdict both = new LoadThresholds(Duration.ofMillis(1), 0).judge(run);

		assertThat(atTheLimits.passed())
			.as("3.16: p99 99 ms and 1 %% failed, against limits of 99 ms and 0.01: %s", atTheLimits)
			.isTrue();
		assertThat(atTheLimits.p99()).isEqualTo(Duration.ofMillis(99));
		assertThat(atTheLimits.failedShare()).isEqualTo(0.01);
		assertThat(justAbove.crossed()).as("3.16: p99 99 ms against a limit 1 ns under it")
			.containsExactly(Threshold.P99_LATENCY);
		assertThat(tooManyFailed.crossed()).as("3.16: 1 %% failed against a limit of 0.99 %%")
			.containsExactly(Threshold.FAILED_SHARE);
		assertThat(both.crossed()).as("3.16: both crossed")
			.containsExactlyInAnyOrder(Threshold.P99_LATENCY, Threshold.FAILED_SHARE);
		assertThat(both.passed()).isFalse();
	}

	@Test
	void failsARunThatMeasuredNothing() {
		LoadThresholds generous = new LoadThresholds(Duration.ofMinutes(1), 1.0);

		Verdict nothingArrived = generous.judge(new LoadRun(List.of(), 50, 50));
		Verdict noRequests = generous.judge(new LoadRun(List.of(), 0, 0));

		assertThat(nothingArrived.crossed()).as("3.16: 50 requests, all failed, no latency at all")
			.contains(Threshold.P99_LATENCY);
		assertThat(nothingArrived.p99()).isNull();
		assertThat(noRequests.passed()).as("3.16: a run without a single request: nothing measured is not a pass")
			.isFalse();
		assertThat(noRequests.failedShare()).isEqualTo(1.0);
	}

	@Test
	void refusesLimitsThatMeanNothing() {
		assertThatIllegalArgumentException().as("3.16: a negative p99")
			.isThrownBy(() -> new LoadThresholds(Duration.ofMillis(-1), 0.01));
		assertThatIllegalArgumentException().as("3.16: a failed share above 1")
			.isThrownBy(() -> new LoadThresholds(Duration.ofMillis(50), 1.5));
		assertThatIllegalArgumentException().as("3.16: a negative failed share")
			.isThrownBy(() -> new LoadThresholds(Duration.ofMillis(50), -0.1));
		assertThatIllegalArgumentException().as("3.16: a failed share that is not a number")
			.isThrownBy(() -> new LoadThresholds(Duration.ofMillis(50), Double.NaN));
	}

	@Test
	void failsARealFanOutRunOnceALimitIsSetJustUnderWhatItMeasured() throws Exception {
		ChatCluster cluster = ChatCluster.shared();
		// 30 subscribers over both instances; 60 messages at once, past alice's burst of
		// 20: some are refused (exercise 3.5), so the run has failures to count.
		LoadRun run = FanOutLoad.run(cluster.ports(), ClusterClients.room("load"), 30, 60);
		List<Duration> sorted = new ArrayList<>(run.latencies());
		Collections.sort(sorted);
		// Nearest rank, in integers: ceil(99 n / 100).
		Duration p99 = sorted.get((99 * sorted.size() + 99) / 100 - 1);
		double share = (double) run.failed() / run.requests();

		Verdict within = FanOutLoad.check(run, new LoadThresholds(p99, share));
		FanOutLoad.ThresholdsCrossed slower = catchThrowableOfType(FanOutLoad.ThresholdsCrossed.class,
				() -> FanOutLoad.check(run, new LoadThresholds(p99.minusNanos(1), share)));
		FanOutLoad.ThresholdsCrossed failing = catchThrowableOfType(FanOutLoad.ThresholdsCrossed.class,
				() -> FanOutLoad.check(run, new LoadThresholds(p99, Math.nextDown(share))));

		assertThat(run.latencies()).as("the run's deliveries: %d of %d", run.latencies().size(), run.requests())
			.isNotEmpty();
		assertThat(run.failed())
			.as("refused SENDs past the burst: %d of %d deliveries missing", run.failed(), run.requests())
			.isPositive();
		assertThat(within.p99()).as("3.16: the p99 of the run's %d latencies", sorted.size()).isEqualTo(p99);
		assertThat(within.failedShare()).as("3.16: the run's failed share").isEqualTo(share);
		assertThat(slower).as("3.16: the run (p99 %s) against a p99 limit 1 ns under it must fail", p99).isNotNull();
		assertThat(slower.verdict().crossed()).containsExactly(Threshold.P99_LATENCY);
		assertThat(failing).as("3.16: the run (%s failed) against a failed-share limit just under it must fail", share)
			.isNotNull();
		assertThat(failing.verdict().crossed()).containsExactly(Threshold.FAILED_SHARE);
	}

	private static List<Duration> shuffled(List<Duration> latencies) {
		List<Duration> copy = new ArrayList<>(latencies);
		Collections.shuffle(copy, new Random(16));
		return copy;
	}

}
