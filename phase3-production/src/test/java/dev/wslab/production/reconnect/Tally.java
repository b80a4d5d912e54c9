package dev.wslab.production.reconnect;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ChatListener} that counts, Jepsen-style, what a drill's receiver was shown:
 * every message carries {@code <run> seq <n>} in its text, and each sequence number is
 * shown once, more than once (duplicated) or never (lost).
 */
final class Tally implements ChatListener {

	private final Pattern sequence;

	private final Map<Integer, Integer> shown = new ConcurrentHashMap<>();

	private final List<String> connections = new CopyOnWriteArrayList<>();

	private final List<Long> connectedAtNanos = new CopyOnWriteArrayList<>();

	private final List<String> disconnections = new CopyOnWriteArrayList<>();

	Tally(String run) {
		this.sequence = Pattern.compile(Pattern.quote(run) + " seq (\\d+)");
	}

	@Override
	public void message(String destination, String id, String json) {
		Matcher matcher = this.sequence.matcher(json);
		if (matcher.find()) {
			this.shown.merge(Integer.parseInt(matcher.group(1)), 1, Integer::sum);
		}
	}

	@Override
	public void connected(URI endpoint) {
		this.connectedAtNanos.add(System.nanoTime());
		this.connections.add(endpoint.toString());
	}

	@Override
	public void disconnected(String reason) {
		this.disconnections.add(reason);
	}

	/** Why each connection ended, in order. */
	List<String> disconnections() {
		return List.copyOf(this.disconnections);
	}

	int delivered() {
		return this.shown.size();
	}

	int duplicated() {
		return this.shown.values().stream().mapToInt((count) -> count - 1).sum();
	}

	/** How many times number n was shown. */
	int times(int n) {
		return this.shown.getOrDefault(n, 0);
	}

	boolean shown(int n) {
		return this.shown.containsKey(n);
	}

	int connections() {
		return this.connectedAtNanos.size();
	}

	List<String> endpoints() {
		return List.copyOf(this.connections);
	}

	/** Nanoseconds of the first connection made after a moment, or -1. */
	long connectedAfter(long nanos) {
		return this.connectedAtNanos.stream().filter((at) -> at >= nanos).findFirst().orElse(-1L);
	}

}
