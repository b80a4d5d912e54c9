package dev.wslab.production.reconnect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Exercise 3.10, part one: the SENDs made while the client is disconnected, kept in
 * order until it is connected again.
 *
 * <p>
 * The queue is bounded. Past its capacity a SEND is refused with
 * {@link OfflineQueueFullException}, to the caller, at once: the caller learns that this
 * message will not go out, and the messages already waiting keep their place. Dropping
 * the oldest instead would lose a message its sender believes is on its way, silently.
 */
final class OfflineQueue {

	private final int capacity;

	private final Deque<PendingSend> waiting = new ArrayDeque<>();

	/**
	 * Creates an empty queue.
	 * @param capacity how many SENDs may wait
	 */
	OfflineQueue(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Keeps a SEND for later.
	 * @param send the SEND
	 * @throws OfflineQueueFullException if {@code capacity} SENDs already wait; the queue
	 * is then left as it was
	 */
	synchronized void add(PendingSend send) {
		if (this.waiting.size() >= this.capacity) {
			throw new OfflineQueueFullException(this.capacity);
		}
		this.waiting.addLast(send);
	}

	/**
	 * Takes every waiting SEND, oldest first, and leaves the queue empty.
	 * @return the SENDs in the order they were added
	 */
	synchronized List<PendingSend> drain() {
		List<PendingSend> all = new ArrayList<>(this.waiting);
		this.waiting.clear();
		return all;
	}

	/**
	 * Counts the SENDs waiting.
	 * @return how many
	 */
	synchronized int size() {
		return this.waiting.size();
	}

}
