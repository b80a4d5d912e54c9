package dev.wslab.landscape.feed;

/**
 * One numbered event of the feed scenario, the same whichever transport carries it.
 *
 * @param id the sequence number, starting at 1, with no gaps
 * @param type the event type, such as {@code tick} or {@code action}
 * @param data the data, possibly several lines
 * @param publishedMicros when the server published it, in microseconds since the epoch
 */
public record FeedEvent(long id, String type, String data, long publishedMicros) {

	/**
	 * Returns this event as a JSON object, for the polling and WebSocket transports.
	 * @return the JSON text
	 */
	public String toJson() {
		return "{\"id\":" + this.id + ",\"type\":\"" + Json.escape(this.type) + "\",\"data\":\""
				+ Json.escape(this.data) + "\",\"publishedMicros\":" + this.publishedMicros + "}";
	}

}
