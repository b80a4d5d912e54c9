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
		// TODO(1.14): "id: N\n", "event: TYPE\n", one "data: LINE\n" per line of data
		// (split on
		// \r\n, \r or \n, keeping empty lines), then "\n". A type with a line break is an
		// error.
		throw new UnsupportedOperationException("TODO(1.14): format an event in SseEventWriter.event");
	}

	/**
	 * Formats a comment line, which clients ignore: a heartbeat that keeps proxies from
	 * closing an idle stream.
	 * @param text the comment, one line
	 * @return the text to write
	 */
	public static String comment(String text) {
		// TODO(1.14): a line starting with a colon, then the blank line.
		throw new UnsupportedOperationException("TODO(1.14): format a comment in SseEventWriter.comment");
	}

	/**
	 * Formats the reconnection time the browser should wait after the stream drops.
	 * @param delay the delay
	 * @return the text to write
	 */
	public static String retry(Duration delay) {
		// TODO(1.14): "retry: MILLIS" and the blank line.
		throw new UnsupportedOperationException("TODO(1.14): format the retry field in SseEventWriter.retry");
	}

}
