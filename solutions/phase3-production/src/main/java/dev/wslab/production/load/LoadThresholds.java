package dev.wslab.production.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.wslab.production.load.Verdict.Threshold;

/**
 * Exercise 3.16: the thresholds a load run must stay within, and the verdict that fails
 * the run when it crosses one. Two limits, the ones a load tool's assertions check
 * (Gatling's {@code percentile(99).lte(...)} and {@code failedRequests().percent().lte(...)},
 * which the {@code gatling} profile's simulation uses): the 99th percentile latency, and the
 * share of requests that failed. A run crosses a limit when its figure is above it; at the
 * limit it passes.
 *
 * <p>
 * The percentile is the nearest-rank one: sort the n latencies, and take the one at rank
 * ⌈0.99 × n⌉ (1-based). It is always a latency the run really measured, never one
 * interpolated between two. A run in which nothing succeeded has no percentile and
 * crosses the latency limit; a run without requests has failed entirely: nothing measured
 * is not a pass.
 */
public final class LoadThresholds {

	private final Duration p99;

	private final double failedShare;

	/**
	 * Creates the thresholds.
	 * @param p99 the highest 99th percentile latency allowed, zero or more
	 * @param failedShare the highest share of failed requests allowed, from 0 to 1
	 * @throws IllegalArgumentException for a negative latency or a share outside 0 to 1
	 */
	public LoadThresholds(Duration p99, double failedShare) {
		if (p99.isNegative()) {
			throw new IllegalArgumentException("A p99 threshold of " + p99 + " is negative");
		}
		if (!(failedShare >= 0 && failedShare <= 1)) {
			throw new IllegalArgumentException("A failed share of " + failedShare + " is outside 0 to 1");
		}
		this.p99 = p99;
		this.failedShare = failedShare;
	}

	/**
	 * Judges a run.
	 * @param run what the run measured
	 * @return its p99, its failed share, and the thresholds it crossed
	 */
	public Verdict judge(LoadRun run) {
		Duration measured = run.latencies().isEmpty() ? null : percentile(run.latencies(), 0.99);
		double share = (run.requests() == 0) ? 1.0 : (double) run.failed() / run.requests();
		Set<Threshold> crossed = EnumSet.noneOf(Threshold.class);
		if (measured == null || measured.compareTo(this.p99) > 0) {
			crossed.add(Threshold.P99_LATENCY);
		}
		if (share > this.failedShare) {
			crossed.add(Threshold.FAILED_SHARE);
		}
		return new Verdict(measured, share, crossed);
	}

	/**
	 * Returns the nearest-rank percentile of some latencies.
	 * @param latencies at least one latency
	 * @param p the percentile, above 0 and at most 1 (0.99 for the 99th)
	 * @return the latency at rank ⌈p × n⌉ of the sorted latencies
	 */
	public static Duration percentile(List<Duration> latencies, double p) {
		List<Duration> sorted = new ArrayList<>(latencies);
		sorted.sort(null);
		// In decimal, not in double: 0.07 × 100 is 7.000000000000001 in double, and its
		// ceiling 8.
		int rank = BigDecimal.valueOf(p)
			.multiply(BigDecimal.valueOf(sorted.size()))
			.setScale(0, RoundingMode.CEILING)
			.intValueExact();
		return sorted.get(Math.max(rank, 1) - 1);
	}

}
