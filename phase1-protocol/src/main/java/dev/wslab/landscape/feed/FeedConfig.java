package dev.wslab.landscape.feed;

import java.time.Duration;

/**
 * How the feed server runs.
 *
 * @param httpPort the HTTP port for the page, SSE and polling; 0 for any
 * @param websocketPort the WebSocket port; 0 for any
 * @param replayCapacity how many recent events are kept for resumption
 * @param heartbeatEvery how long an SSE stream may be silent before a comment line is
 * sent
 * @param retry the reconnection delay SSE tells the browser
 * @param longPollTimeout how long a long poll is held before an empty answer (20–60 s in
 * practice)
 * @param tickEvery how often the demo ticker publishes; zero for no ticker
 * @param disableProxyBuffering send {@code X-Accel-Buffering: no} on event streams
 */
public record FeedConfig(int httpPort, int websocketPort, int replayCapacity, Duration heartbeatEvery, Duration retry,
		Duration longPollTimeout, Duration tickEvery, boolean disableProxyBuffering) {

	/**
	 * The milestone defaults: HTTP on 8082, WebSocket on 8083, 1,000 events kept, a
	 * heartbeat after 15 s of silence, a retry of 2 s, long polls held 25 s, a tick every
	 * second.
	 * @return the configuration
	 */
	public static FeedConfig defaults() {
		return new FeedConfig(8082, 8083, 1000, Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(25),
				Duration.ofSeconds(1), true);
	}

	/**
	 * A configuration for tests and the harness: any ports, no ticker.
	 * @param replayCapacity how many events to keep
	 * @param longPollTimeout how long to hold a long poll
	 * @return the configuration
	 */
	public static FeedConfig quiet(int replayCapacity, Duration longPollTimeout) {
		return new FeedConfig(0, 0, replayCapacity, Duration.ofSeconds(15), Duration.ofMillis(500), longPollTimeout,
				Duration.ZERO, true);
	}

	/**
	 * Returns a copy that does or does not send {@code X-Accel-Buffering: no}.
	 * @param disable true to send it
	 * @return the configuration
	 */
	public FeedConfig withProxyBufferingDisabled(boolean disable) {
		return new FeedConfig(this.httpPort, this.websocketPort, this.replayCapacity, this.heartbeatEvery, this.retry,
				this.longPollTimeout, this.tickEvery, disable);
	}

}
