package dev.wslab.landscape.sse;

import java.time.Duration;

import dev.wslab.landscape.feed.FeedEvent;

/**
 * Exercise 1.14: the wire format of server-sent events (HTML Living Standard,
 * "Server-sent events", §9.2.5 and §9.2.6).
 *
 * <p>
 * An event is a block of {@code field: value} lines ended by a blank line. Data with
 * several lines becomes several {@code data:} lines, which the browser joins with
 * {@code \n}. Every kind of line break counts: CRLF, LF and a lone CR.
 */
public final class SseEventWriter {

	private SseEventWriter() {
	}

	/**
	 * Formats one event.
	 * @param event the event
	 * @return the text to write, ending with the blank line that dispatches it
	 */
	public static String event(FeedEvent event) {
		if (event.type().contains("\n") || event.type().contains("\r")) {
			throw new IllegalArgumentException("An event type cannot contain a line break");
		}
		StringBuilder out = new StringBuilder();
		// The id is what EventSource sends back as Last-Event-ID after a reconnect.
		out.append("id: ").append(event.id()).append('\n');
		out.append("event: ").append(event.type()).append('\n');
		for (String line : event.data().split("\r\n|\r|\n", -1)) {
			out.append("data: ").append(line).append('\n');
		}
		return out.append('\n').toString();
	}

	/**
	 * Formats a comment line, which clients ignore: a heartbeat that keeps proxies from
	 * closing an idle stream.
	 * @param text the comment, one line
	 * @return the text to write
	 */
	public static String comment(String text) {
		if (text.contains("\n") || text.contains("\r")) {
			throw new IllegalArgumentException("A comment is one line");
		}
		return ": " + text + "\n\n";
	}

	/**
	 * Formats the reconnection time the browser should wait after the stream drops.
	 * @param delay the delay
	 * @return the text to write
	 */
	public static String retry(Duration delay) {
		return "retry: " + delay.toMillis() + "\n\n";
	}

}
