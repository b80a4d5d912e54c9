package dev.wslab.landscape.longpoll;

import java.time.Duration;

import dev.wslab.landscape.feed.FeedEvent;
import dev.wslab.landscape.feed.Replay;
import dev.wslab.landscape.sse.ReplayBuffer;

/**
 * Exercise 1.16: the long-poll mailbox. A poll names the last event the client has (its
 * cursor) and is held until something newer exists or the timeout passes; then it returns
 * at once with everything after the cursor.
 *
 * <p>
 * Because the answer is always "everything after your cursor", an event published between
 * two polls is in the next answer: nothing is lost and nothing is sent twice.
 */
public final class LongPollMailbox {

	private final ReplayBuffer buffer;

	/**
	 * Creates a mailbox over a buffer.
	 * @param buffer where events are kept
	 */
	public LongPollMailbox(ReplayBuffer buffer) {
		this.buffer = buffer;
	}

	/**
	 * Publishes an event and wakes every held poll.
	 * @param type the event type
	 * @param data the data
	 * @return the event
	 */
	public FeedEvent publish(String type, String data) {
		// TODO(1.16): append to the buffer and wake every waiting poll (a Lock with a
		// Condition).
		throw new UnsupportedOperationException("TODO(1.16): publish and wake the polls in LongPollMailbox.publish");
	}

	/**
	 * Waits for events after the cursor.
	 * @param cursor the last id the client has
	 * @param timeout the longest hold
	 * @return the events after the cursor, empty when the timeout passed first
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public Replay poll(long cursor, Duration timeout) throws InterruptedException {
		// TODO(1.16): under the same lock as publish, wait while latestId() <= cursor and
		// time remains
		// (Condition.awaitNanos), then return buffer.after(cursor).
		throw new UnsupportedOperationException("TODO(1.16): hold the poll in LongPollMailbox.poll");
	}

	/**
	 * Returns the buffer this mailbox publishes to.
	 * @return the buffer
	 */
	public ReplayBuffer buffer() {
		return this.buffer;
	}

}
