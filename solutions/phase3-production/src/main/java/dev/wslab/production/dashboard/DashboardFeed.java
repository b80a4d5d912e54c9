package dev.wslab.production.dashboard;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Exercise 3.15: the dashboard's SSE feed. Each period the scaffolding
 * ({@link DashboardTicker}) hands it the whole cluster's figures, a
 * {@link ClusterSnapshot}; the feed keeps the last {@code history} of them and pushes each
 * to every open stream as an event {@code snapshot} whose {@code id} is the snapshot's, the
 * moment it was taken in epoch milliseconds (HTML Standard, 9.2.6 "Interpreting an event
 * stream": the {@code id} field sets the last event ID, which the browser sends back as
 * {@code Last-Event-ID} when it reconnects, 9.2.4).
 *
 * <p>
 * A client that reconnects, to whichever instance Nginx picks, sends the last id it saw.
 * Ids are times, comparable on every instance, so the feed replays the kept snapshots
 * after that id, announced by a {@code resume} event. When the id is older than what it
 * keeps, or not an id at all, a {@code gap} event comes first and then everything kept,
 * as 3.3's log does over STOMP. A client without the header gets everything kept, so its
 * charts start full. No snapshot comes twice on one stream, and none is missed between
 * the replay and the live ones.
 */
final class DashboardFeed {

	private final DashboardProperties properties;

	private final Deque<ClusterSnapshot> history = new ArrayDeque<>();

	/** Each open stream, with the id it has seen up to: it gets only later ones. */
	private final Map<SseEmitter, Long> streams = new ConcurrentHashMap<>();

	/**
	 * Creates the feed.
	 * @param properties how many snapshots to keep ({@code history}), how often they come
	 * ({@code period}), and how many streams to serve at once ({@code maxViewers})
	 */
	DashboardFeed(DashboardProperties properties) {
		this.properties = properties;
	}

	/**
	 * Opens a stream for one viewer and writes its replay.
	 * @param lastEventId the {@code Last-Event-ID} the client sent, or null
	 * @return the stream, or null when this instance already serves its most viewers
	 * @throws IOException if the first events cannot be written
	 */
	SseEmitter open(String lastEventId) throws IOException {
		if (this.streams.size() >= this.properties.maxViewers()) {
			return null;
		}
		// No timeout of its own: the stream ends when the client goes or the app stops.
		SseEmitter stream = new SseEmitter(0L);
		stream.onCompletion(() -> this.streams.remove(stream));
		stream.onError((ex) -> this.streams.remove(stream));
		synchronized (this.history) {
			// Under the lock push() sends with, so no snapshot comes twice or is missed
			// between the replay and the live events.
			Long requested = (lastEventId != null) ? parse(lastEventId) : null;
			long seen = (requested != null) ? requested : 0;
			for (ClusterSnapshot snapshot : replay(stream, lastEventId, requested)) {
				send(stream, snapshot);
				seen = Math.max(seen, snapshot.id());
			}
			// A client resuming from another instance's snapshot gets this instance's
			// later ones only, even those its replay did not hold.
			this.streams.put(stream, seen);
		}
		return stream;
	}

	/**
	 * Keeps a snapshot and sends it to every open stream that has not seen its id.
	 * @param snapshot the cluster's figures, with an id above the previous one's
	 */
	void push(ClusterSnapshot snapshot) {
		synchronized (this.history) {
			this.history.addLast(snapshot);
			while (this.history.size() > this.properties.history()) {
				this.history.removeFirst();
			}
			for (Map.Entry<SseEmitter, Long> viewer : this.streams.entrySet()) {
				SseEmitter stream = viewer.getKey();
				if (snapshot.id() <= viewer.getValue()) {
					continue;
				}
				try {
					send(stream, snapshot);
					viewer.setValue(snapshot.id());
				}
				catch (IOException | IllegalStateException ex) {
					// The viewer went away; Spring completes the emitter.
					this.streams.remove(stream);
				}
			}
		}
	}

	/** Ends every open stream: the app is stopping. */
	void closeAll() {
		this.streams.keySet().forEach(SseEmitter::complete);
		this.streams.clear();
	}

	private List<ClusterSnapshot> replay(SseEmitter stream, String lastEventId, Long requested) throws IOException {
		List<ClusterSnapshot> kept = List.copyOf(this.history);
		if (lastEventId == null || kept.isEmpty()) {
			return kept;
		}
		long oldest = kept.get(0).id();
		// The snapshot just before the oldest kept was taken about a period earlier.
		if (requested == null || requested < oldest - this.properties.period().toMillis()) {
			stream.send(SseEmitter.event()
				.name("gap")
				.data(Map.of("requested", lastEventId, "oldest", oldest), MediaType.APPLICATION_JSON));
			return kept;
		}
		List<ClusterSnapshot> after = kept.stream().filter((snapshot) -> snapshot.id() > requested).toList();
		stream.send(SseEmitter.event()
			.name("resume")
			.data(Map.of("after", requested, "replayed", after.size()), MediaType.APPLICATION_JSON));
		return after;
	}

	private static void send(SseEmitter stream, ClusterSnapshot snapshot) throws IOException {
		// HTML Standard 9.2.6: "id" sets the last event ID, "event" the type an
		// EventSource listener is added for, "data" the payload: one line of JSON.
		stream.send(SseEmitter.event()
			.id(Long.toString(snapshot.id()))
			.name("snapshot")
			.data(snapshot, MediaType.APPLICATION_JSON));
	}

	private static Long parse(String id) {
		try {
			return Long.parseLong(id.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
