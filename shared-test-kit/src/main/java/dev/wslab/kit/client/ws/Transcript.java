package dev.wslab.kit.client.ws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What crossed the wire, in order, with arrows for direction: the text a failing grader
 * prints so a learner can see exactly what their server did.
 */
public final class Transcript {

	private final long start = System.nanoTime();

	private final List<String> lines = new CopyOnWriteArrayList<>();

	/**
	 * Records something the client sent.
	 * @param what a one-line description
	 */
	public void sent(String what) {
		add("→ ", what);
	}

	/**
	 * Records something the client received.
	 * @param what a one-line description
	 */
	public void received(String what) {
		add("← ", what);
	}

	/**
	 * Records an event that is not a frame, such as the TCP connection closing.
	 * @param what a one-line description
	 */
	public void note(String what) {
		add("· ", what);
	}

	private void add(String arrow, String what) {
		long millis = Duration.ofNanos(System.nanoTime() - this.start).toMillis();
		for (String line : what.split("\r?\n")) {
			this.lines.add(String.format("%6d ms %s%s", millis, arrow, line));
			arrow = "  ";
		}
	}

	/**
	 * Returns the recorded lines.
	 * @return a snapshot
	 */
	public List<String> lines() {
		return List.copyOf(this.lines);
	}

	@Override
	public String toString() {
		return this.lines.isEmpty() ? "  (nothing crossed the wire)" : "  " + String.join("\n  ", this.lines);
	}

}
