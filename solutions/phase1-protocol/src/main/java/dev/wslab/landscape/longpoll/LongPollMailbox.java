package dev.wslab.landscape.longpoll;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition published = this.lock.newCondition();

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
		this.lock.lock();
		try {
			FeedEvent event = this.buffer.append(type, data);
			this.published.signalAll();
			return event;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for events after the cursor.
	 * @param cursor the last id the client has
	 * @param timeout the longest hold
	 * @return the events after the cursor, empty when the timeout passed first
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public Replay poll(long cursor, Duration timeout) throws InterruptedException {
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			// Checked under the same lock publish() holds, so no event slips in between
			// check and wait.
			while (this.buffer.latestId() <= cursor && remaining > 0) {
				remaining = this.published.awaitNanos(remaining);
			}
			return this.buffer.after(cursor);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns the buffer this mailbox publishes to.
	 * @return the buffer
	 */
	public ReplayBuffer buffer() {
		return this.buffer;
	}

}
