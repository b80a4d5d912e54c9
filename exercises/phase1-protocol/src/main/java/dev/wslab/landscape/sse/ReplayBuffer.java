package dev.wslab.landscape.sse;

import dev.wslab.landscape.feed.FeedEvent;
import dev.wslab.landscape.feed.Replay;

/**
 * Exercise 1.15: the bounded memory of recent events that makes resumption possible.
 * Every transport reads it: SSE replays from it after {@code Last-Event-ID}, the polling
 * transports answer from it by cursor.
 *
 * <p>
 * It numbers events 1, 2, 3 … with no gaps and keeps the newest {@code capacity} of them.
 * A client asking for events after an id older than the oldest kept is told so
 * ({@link Replay#gap()}): silently skipping what it missed would be a lie.
 */
public final class ReplayBuffer {

	private final int capacity;

	/**
	 * Creates a buffer.
	 * @param capacity how many recent events to keep
	 */
	public ReplayBuffer(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Publishes an event with the next id.
	 * @param type the event type
	 * @param data the data
	 * @return the event
	 */
	public synchronized FeedEvent append(String type, String data) {
		// TODO(1.15): give it the next id, stamp publishedMicros, keep at most capacity
		// events.
		throw new UnsupportedOperationException("TODO(1.15): append an event in ReplayBuffer.append");
	}

	/**
	 * Returns the kept events after an id.
	 * @param afterId the last id the client has; 0 for none
	 * @return the events after it, and whether some were already dropped
	 */
	public synchronized Replay after(long afterId) {
		// TODO(1.15): the kept events with id > afterId; gap when afterId + 1 is older
		// than the oldest kept.
		throw new UnsupportedOperationException("TODO(1.15): replay events in ReplayBuffer.after");
	}

	/**
	 * Returns the newest id published.
	 * @return the id, 0 before the first event
	 */
	public synchronized long latestId() {
		// TODO(1.15): the id of the last event appended.
		throw new UnsupportedOperationException("TODO(1.15): report the latest id in ReplayBuffer.latestId");
	}

}
