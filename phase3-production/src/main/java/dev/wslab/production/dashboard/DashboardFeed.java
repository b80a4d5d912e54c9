package dev.wslab.production.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's heartbeat. Once a period, on one thread of its own: this instance
 * publishes its {@link InstanceSnapshot} to Redis, reads every live instance's back, and
 * pushes the sum, a {@link ClusterSnapshot}, to each open stream as an SSE event
 * {@code snapshot} whose id is the moment it was taken, in epoch milliseconds (HTML
 * Standard, 9.2 "Server-sent events").
 *
 * <p>
 * A client that reconnects sends the last id it saw as {@code Last-Event-ID}, to
 * whichever instance Nginx picks: ids are times, comparable on every instance. The feed
 * keeps its last {@code history} snapshots and replays those after that id, announced by
 * a {@code resume} event; when the id is older than what it keeps, or not an id at all, a
 * {@code gap} event comes first and then everything kept, as 3.3's log does over STOMP. A
 * client without the header gets everything kept, so its charts start full.
 */
final class DashboardFeed implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DashboardFeed.class);

	private final LocalMeters local;

	private final SnapshotStore store;

	private final DashboardProperties properties;

	private final Clock clock;

	private final Deque<ClusterSnapshot> history = new ArrayDeque<>();

	/** Each open stream, with the id it has seen up to: it gets only later ones. */
	private final Map<SseEmitter, Long> streams = new ConcurrentHashMap<>();

	private ScheduledExecutorService ticker;

	private long lastId;

	DashboardFeed(LocalMeters local, SnapshotStore store, DashboardProperties properties, Clock clock) {
		this.local = local;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Opens a stream for one viewer.
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
			// Under the lock the ticker sends with, so no snapshot comes twice or is
			// missed between the replay and the live events.
			long seen = (lastEventId != null && parse(lastEventId) != null) ? parse(lastEventId) : 0;
			for (ClusterSnapshot snapshot : replay(stream, lastEventId)) {
				send(stream, snapshot);
				seen = Math.max(seen, snapshot.id());
			}
			// A client resuming from another instance's snapshot gets this instance's
			// later ones only, even those its replay did not hold.
			this.streams.put(stream, seen);
		}
		return stream;
	}

	private List<ClusterSnapshot> replay(SseEmitter stream, String lastEventId) throws IOException {
		List<ClusterSnapshot> kept = List.copyOf(this.history);
		if (lastEventId == null || kept.isEmpty()) {
			return kept;
		}
		long oldest = kept.get(0).id();
		Long requested = parse(lastEventId);
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

	private void tick() {
		try {
			this.store.publish(this.local.read());
			long id = Math.max(this.clock.millis(), this.lastId + 1);
			this.lastId = id;
			ClusterSnapshot snapshot = ClusterSnapshot.of(id, this.store.live());
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
					}
					catch (IOException | IllegalStateException ex) {
						// The viewer went away; Spring completes the emitter.
						this.streams.remove(stream);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// Redis away for a moment: skip this period, try again at the next.
			logger.debug("Dashboard snapshot skipped: " + ex.getMessage());
		}
	}

	private static void send(SseEmitter stream, ClusterSnapshot snapshot) throws IOException {
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

	@Override
	public synchronized void start() {
		this.ticker = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dashboard").daemon().factory());
		long period = this.properties.period().toMillis();
		this.ticker.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		this.ticker.shutdownNow();
		this.ticker = null;
		this.streams.keySet().forEach(SseEmitter::complete);
		this.streams.clear();
		// Its snapshot stays in Redis until it expires (wslab.dashboard.ttl), as after a
		// crash: at shutdown Redis may already be gone, and a call would wait for its
		// timeout.
	}

	@Override
	public synchronized boolean isRunning() {
		return this.ticker != null;
	}

	@Override
	public int getPhase() {
		// Starts after Redis's connection factory (phase 0) and the web server; stops
		// before both, and before the graceful shutdown that would wait for open
		// streams.
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 512;
	}

}
