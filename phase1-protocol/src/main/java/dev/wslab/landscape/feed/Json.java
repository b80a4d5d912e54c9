package dev.wslab.landscape.feed;

import java.util.List;

/** The little JSON the feed needs, written by hand so Phase 1 stays free of libraries. */
public final class Json {

	private Json() {
	}

	/**
	 * Escapes text for a JSON string (RFC 8259 §7).
	 * @param text the text
	 * @return the escaped text, without quotes
	 */
	public static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	/**
	 * Renders a poll answer: the events, the cursor to send next time, and whether events
	 * were missed.
	 * @param events the events
	 * @param cursor the id of the last event the client now has
	 * @param gap true when the client asked for events older than the server keeps
	 * @return the JSON text
	 */
	public static String pollAnswer(List<FeedEvent> events, long cursor, boolean gap) {
		StringBuilder out = new StringBuilder("{\"events\":[");
		for (int i = 0; i < events.size(); i++) {
			out.append(i == 0 ? "" : ",").append(events.get(i).toJson());
		}
		return out.append("],\"cursor\":").append(cursor).append(",\"gap\":").append(gap).append('}').toString();
	}

}
