package dev.wslab.production.load;

import java.time.Duration;
import java.util.List;

/**
 * What one load run measured: the latency of each request that succeeded, and how many
 * requests were made and how many failed. In the fan-out scenario a request is one
 * delivery the scenario expects, a room message to one subscriber: its latency runs from
 * the SEND to that subscriber's MESSAGE, and it failed when the MESSAGE never came.
 *
 * @param latencies each successful request's latency, in no particular order
 * @param requests the requests made
 * @param failed the requests that failed
 */
public record LoadRun(List<Duration> latencies, int requests, int failed) {

	/**
	 * Checks and copies the measurements.
	 * @param latencies each successful request's latency
	 * @param requests the requests made
	 * @param failed the requests that failed, at most {@code requests}
	 */
	public LoadRun {
		latencies = List.copyOf(latencies);
		if (requests < 0 || failed < 0 || failed > requests) {
			throw new IllegalArgumentException(failed + " failed of " + requests + " requests");
		}
	}

}
