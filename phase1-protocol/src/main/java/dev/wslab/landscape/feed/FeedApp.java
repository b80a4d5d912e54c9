package dev.wslab.landscape.feed;

import java.time.Duration;

/**
 * Phase 1's second milestone: one ticking feed over SSE, long polling, short polling and
 * WebSocket, with a page that shows all four side by side. HTTP on 127.0.0.1:8082 (change
 * with {@code --port=N}); WebSocket on the next port up.
 */
public final class FeedApp {

	private FeedApp() {
	}

	/**
	 * Runs the feed until the process stops.
	 * @param args {@code --port=N}
	 * @throws Exception if a port cannot be bound
	 */
	public static void main(String[] args) throws Exception {
		int port = 8082;
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = Integer.parseInt(arg.substring("--port=".length()));
			}
		}
		FeedConfig defaults = FeedConfig.defaults();
		FeedServer server = FeedServer.start(new FeedConfig(port, port + 1, defaults.replayCapacity(),
				defaults.heartbeatEvery(), defaults.retry(), defaults.longPollTimeout(), Duration.ofSeconds(1), true));
		System.out.println("Feed on http://127.0.0.1:" + server.httpPort() + "/ (SSE /sse, long poll /poll/long, "
				+ "short poll /poll/short, WebSocket ws://127.0.0.1:" + server.websocketPort()
				+ "/feed). Ctrl-C stops it.");
		Thread.currentThread().join();
	}

}
