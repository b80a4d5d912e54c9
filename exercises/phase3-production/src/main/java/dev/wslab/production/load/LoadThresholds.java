package dev.wslab.production.load;

import java.time.Duration;
import java.util.List;

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

	// TODO(3.16): the fields you need: the two limits.

	/**
	 * Creates the thresholds.
	 * @param p99 the highest 99th percentile latency allowed, zero or more
	 * @param failedShare the highest share of failed requests allowed, from 0 to 1
	 * @throws IllegalArgumentException for a negative latency or a share outside 0 to 1
	 */
	public LoadThresholds(Duration p99, double failedShare) {
		throw new UnsupportedOperationException(
				"TODO(3.16): LoadThresholds: keep both limits; refuse a negative p99 or a share outside 0 to 1 (NaN too) with IllegalArgumentException");
	}

	/**
	 * Judges a run.
	 * @param run what the run measured
	 * @return its p99, its failed share, and the thresholds it crossed
	 */
	public Verdict judge(LoadRun run) {
		throw new UnsupportedOperationException(
				"TODO(3.16): LoadThresholds.judge: p99 = percentile(latencies, 0.99) (null when there are none), share = failed / requests (1 without requests); a Verdict whose crossed set holds P99_LATENCY when p99 is null or above the limit, FAILED_SHARE when the share is above its limit");
	}

	/**
	 * Returns the nearest-rank percentile of some latencies.
	 * @param latencies at least one latency
	 * @param p the percentile, above 0 and at most 1 (0.99 for the 99th)
	 * @return the latency at rank ⌈p × n⌉ of the sorted latencies
	 */
	public static Duration percentile(List<Duration> latencies, double p) {
		throw new UnsupportedOperationException(
				"TODO(3.16): LoadThresholds.percentile: sort a copy, and take the latency at rank ceil(p * n), counting from 1");
	}

}
