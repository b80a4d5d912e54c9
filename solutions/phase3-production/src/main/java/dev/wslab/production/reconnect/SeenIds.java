package dev.wslab.production.reconnect;

import java.util.LinkedHashSet;
import java.util.SequencedSet;
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

	private final SequencedSet<Long> seen = new LinkedHashSet<>();

	/** Every id up to this one counts as seen; -1 when nothing is known yet. */
	private long contiguous;

	/** Ids at or below this one count as seen (the {@code since} the subscription started from). */
	private long floor;

	/**
	 * Starts a subscription's record.
	 * @param since the id it started after, or null to start with whatever comes first
	 */
	SeenIds(String since) {
		this.floor = (since != null) ? sequence(since) : -1;
		this.contiguous = this.floor;
	}

	/**
	 * Records an id and says whether it is new.
	 * @param id the message's id
	 * @return true the first time an id comes; false for an id seen before or at or
	 * below the subscription's {@code since}
	 */
	synchronized boolean firstTime(String id) {
		long n = sequence(id);
		if (n <= this.floor || !this.seen.add(n)) {
			return false;
		}
		if (this.seen.size() > REMEMBERED) {
			this.seen.removeFirst();
		}
		if (this.contiguous < 0) {
			// Nothing known yet: the run starts with the first id that comes.
			this.contiguous = n;
		}
		advance();
		return true;
	}

	/**
	 * Returns the id to resume from.
	 * @return {@code 0-n}, the highest id with none missing after the first, or null if
	 * nothing has been seen and no {@code since} was given
	 */
	synchronized String resumeFrom() {
		return (this.contiguous < 0) ? null : "0-" + this.contiguous;
	}

	/**
	 * Moves on after a {@code gap:true} frame: what came before {@code oldest} is gone
	 * from the log, so waiting for it would keep the resume point stuck forever.
	 * @param oldest the id of the oldest message the log still keeps, or null if it keeps
	 * none
	 */
	synchronized void skipTo(String oldest) {
		if (oldest != null) {
			this.contiguous = Math.max(this.contiguous, sequence(oldest) - 1);
			advance();
		}
	}

	private void advance() {
		while (this.seen.contains(this.contiguous + 1)) {
			this.contiguous++;
		}
	}

	private static long sequence(String id) {
		Matcher matcher = (id != null) ? ID.matcher(id) : null;
		if (matcher == null || !matcher.matches()) {
			throw new IllegalArgumentException("Not a log id (0-n): " + id);
		}
		return Long.parseLong(matcher.group(1));
	}

}
