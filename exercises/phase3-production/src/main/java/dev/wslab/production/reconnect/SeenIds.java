package dev.wslab.production.reconnect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exercise 3.10, part two: the ids one subscription has seen, for two jobs. It tells a
 * message seen before (a replay overlaps what came live) so that it is shown once, and it
 * names the id to resume from: the highest id with none missing before it, not the last
 * one, because live messages from two senders can arrive out of id order (README, 3.3).
 *
 * <p>
 * Ids are the log's {@code 0-n}, gap-free within a log. The ids kept for
 * de-duplication are bounded: the newest {@link #REMEMBERED}, ten times what a log keeps.
 */
final class SeenIds {

	/** How many ids are remembered for de-duplication. */
	static final int REMEMBERED = 10_000;

	private static final Pattern ID = Pattern.compile("0-(\\d{1,18})");

	// TODO(3.10): the fields you need: the ids seen (at most REMEMBERED of them), the
	// highest id with none missing, and the since the subscription started from.

	/**
	 * Starts a subscription's record.
	 * @param since the id it started after, or null to start with whatever comes first
	 */
	SeenIds(String since) {
		// TODO(3.10): remember since (sequence(since)), when there is one.
	}

	/**
	 * Records an id and says whether it is new.
	 * @param id the message's id
	 * @return true the first time an id comes; false for an id seen before or at or
	 * below the subscription's {@code since}
	 */
	synchronized boolean firstTime(String id) {
		throw new UnsupportedOperationException(
				"TODO(3.10): SeenIds.firstTime: false for an id seen before or at or below since, else record it and move the resume point");
	}

	/**
	 * Returns the id to resume from.
	 * @return {@code 0-n}, the highest id with none missing after the first, or null if
	 * nothing has been seen and no {@code since} was given
	 */
	synchronized String resumeFrom() {
		throw new UnsupportedOperationException(
				"TODO(3.10): SeenIds.resumeFrom: the highest id with none missing before it, not the last one seen");
	}

	/**
	 * Moves on after a {@code gap:true} frame: what came before {@code oldest} is gone
	 * from the log, so waiting for it would keep the resume point stuck forever.
	 * @param oldest the id of the oldest message the log still keeps, or null if it keeps
	 * none
	 */
	synchronized void skipTo(String oldest) {
		throw new UnsupportedOperationException(
				"TODO(3.10): SeenIds.skipTo: after a gap, resume from just before the oldest id still kept");
	}

	private static long sequence(String id) {
		Matcher matcher = (id != null) ? ID.matcher(id) : null;
		if (matcher == null || !matcher.matches()) {
			throw new IllegalArgumentException("Not a log id (0-n): " + id);
		}
		return Long.parseLong(matcher.group(1));
	}

}
