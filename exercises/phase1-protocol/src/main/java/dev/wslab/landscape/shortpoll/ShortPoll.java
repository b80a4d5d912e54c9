package dev.wslab.landscape.shortpoll;

import dev.wslab.landscape.feed.Replay;
import dev.wslab.landscape.sse.ReplayBuffer;

/**
 * Exercise 1.17: answering a short poll. The client asks at a fixed interval with
 * {@code ?since=<last id it has>} and gets whatever is newer, at once, possibly nothing.
 */
public final class ShortPoll {

	private ShortPoll() {
	}

	/**
	 * Answers one poll.
	 * @param buffer where events are kept
	 * @param since the raw {@code since} parameter: absent (null) means "only what comes
	 * next"
	 * @return the events after {@code since}, with the gap flag
	 * @throws IllegalArgumentException when {@code since} is not a whole number from 0 to
	 * the latest id; the server answers 400
	 */
	public static Replay answer(ReplayBuffer buffer, String since) {
		// TODO(1.17): null or empty: start from buffer.latestId(); otherwise parse, check
		// the range
		// 0..latestId (IllegalArgumentException otherwise), and return
		// buffer.after(since).
		throw new UnsupportedOperationException("TODO(1.17): answer a short poll in ShortPoll.answer");
	}

}
