package dev.wslab.kit.client.sse;

/**
 * One event dispatched from a {@code text/event-stream}, or a comment line (a heartbeat).
 *
 * @param id the last event id in force, or null
 * @param event the event type, {@code message} when none was named
 * @param data the data lines joined with {@code \n}
 * @param retry the reconnection time in force, as last set by a {@code retry} field, or
 * null
 * @param comment the comment text when this is a comment rather than an event, else null
 */
public record SseEvent(String id, String event, String data, Long retry, String comment) {

	/**
	 * Returns whether this is a comment line rather than an event.
	 * @return true for comments
	 */
	public boolean isComment() {
		return this.comment != null;
	}

}
