package dev.wslab.production.load;

import java.time.Duration;
import java.util.Set;

/**
 * A load run judged against its thresholds.
 *
 * @param p99 the run's 99th percentile latency (nearest rank), or null when no request
 * succeeded
 * @param failedShare the share of requests that failed, from 0 to 1 (1 for a run without
 * requests)
 * @param crossed the thresholds the run crossed; empty when it passed
 */
public record Verdict(Duration p99, double failedShare, Set<Threshold> crossed) {

	/**
	 * Copies the crossed thresholds.
	 * @param p99 the 99th percentile latency, or null
	 * @param failedShare the failed share
	 * @param crossed the thresholds crossed
	 */
	public Verdict {
		crossed = Set.copyOf(crossed);
	}

	/**
	 * Returns whether the run stayed within every threshold.
	 * @return true when nothing was crossed
	 */
	public boolean passed() {
		return this.crossed.isEmpty();
	}

	/** A threshold of {@link LoadThresholds}. */
	public enum Threshold {

		/** The 99th percentile latency. */
		P99_LATENCY,

		/** The share of failed requests. */
		FAILED_SHARE

	}

}
