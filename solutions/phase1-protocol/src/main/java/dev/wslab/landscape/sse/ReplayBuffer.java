package dev.wslab.landscape.sse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

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

	private final Deque<FeedEvent> events = new ArrayDeque<>();

	private long lastId;

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
		FeedEvent event = new FeedEvent(++this.lastId, type, data, micros());
		this.events.addLast(event);
		if (this.events.size() > this.capacity) {
			this.events.removeFirst();
		}
		return event;
	}

	/**
	 * Returns the kept events after an id.
	 * @param afterId the last id the client has; 0 for none
	 * @return the events after it, and whether some were already dropped
	 */
	public synchronized Replay after(long afterId) {
		List<FeedEvent> after = new ArrayList<>();
		for (FeedEvent event : this.events) {
			if (event.id() > afterId) {
				after.add(event);
			}
		}
		long oldestKept = this.events.isEmpty() ? this.lastId + 1 : this.events.peekFirst().id();
		// The client needs afterId + 1 next; if that is older than what is kept, events
		// were lost.
		boolean gap = afterId + 1 < oldestKept && afterId < this.lastId;
		return new Replay(List.copyOf(after), gap, this.lastId);
	}

	/**
	 * Returns the newest id published.
	 * @return the id, 0 before the first event
	 */
	public synchronized long latestId() {
		return this.lastId;
	}

	private static long micros() {
		java.time.Instant now = java.time.Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
	}

}
