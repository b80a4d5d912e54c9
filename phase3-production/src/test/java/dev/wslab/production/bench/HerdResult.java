package dev.wslab.production.bench;

/**
 * One round of the herd benchmark, in milliseconds after the victim's stop began, one
 * entry per client, each sorted.
 *
 * @param label the round, such as {@code drain off, no jitter}
 * @param cutOffs when each client learnt that its connection had ended
 * @param attempts when each client's first attempt after that began (its backoff over)
 * @param reconnects when each client received CONNECTED from the survivor
 * @param stopMillis how long the victim's {@code close()} took
 * @param failed attempts that did not connect
 * @param complete whether every client reached the survivor within the bound
 */
record HerdResult(String label, long[] cutOffs, long[] attempts, long[] reconnects, long stopMillis, int failed,
		boolean complete) {

	static long percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return -1;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	static long max(long[] sorted) {
		return (sorted.length == 0) ? -1 : sorted[sorted.length - 1];
	}

	/** The most events in any window of the given width (sliding, not fixed buckets). */
	static int peak(long[] sorted, long windowMillis) {
		int most = 0;
		int first = 0;
		for (int last = 0; last < sorted.length; last++) {
			while (sorted[last] - sorted[first] >= windowMillis) {
				first++;
			}
			most = Math.max(most, last - first + 1);
		}
		return most;
	}

	static int[] histogram(long[] sorted, long bucketMillis, int buckets) {
		int[] counts = new int[buckets];
		for (long at : sorted) {
			counts[(int) Math.min(buckets - 1, Math.max(0, at / bucketMillis))]++;
		}
		return counts;
	}

	long latest() {
		return Math.max(max(this.attempts), max(this.reconnects));
	}

	String summary() {
		return ("%s: attempts p50 %d, p90 %d, max %d ms, peak %d/100 ms; %d reached the survivor, p50 %d ms, p90 %d ms, "
				+ "max %d ms, peak %d CONNECTs/100 ms; stop took %d ms, %d failed attempts%s")
			.formatted(this.label, percentile(this.attempts, 50), percentile(this.attempts, 90), max(this.attempts),
					peak(this.attempts, 100), this.reconnects.length, percentile(this.reconnects, 50),
					percentile(this.reconnects, 90), max(this.reconnects), peak(this.reconnects, 100), this.stopMillis,
					this.failed, this.complete ? "" : " (INCOMPLETE)");
	}

}
