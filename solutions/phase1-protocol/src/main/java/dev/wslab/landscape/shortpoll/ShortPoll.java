package dev.wslab.landscape.shortpoll;

import java.util.List;

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
		if (since == null || since.isBlank()) {
			// A first poll has no history to catch up on: start from now.
			return buffer.after(buffer.latestId());
		}
		long cursor;
		try {
			cursor = Long.parseLong(since);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("since must be a whole number, not '" + since + "'");
		}
		if (cursor < 0) {
			throw new IllegalArgumentException("since must be 0 or more, not " + cursor);
		}
		if (cursor > buffer.latestId()) {
			// A cursor from the future: the server restarted and its ids began again. Say
			// so.
			return new Replay(List.of(), true, buffer.latestId());
		}
		return buffer.after(cursor);
	}

}
