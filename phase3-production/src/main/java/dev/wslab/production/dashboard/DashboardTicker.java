package dev.wslab.production.dashboard;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The dashboard's heartbeat. Once a period, on one thread of its own: this instance
 * publishes its {@link InstanceSnapshot} to Redis, reads every live instance's back, and
 * hands the sum, a {@link ClusterSnapshot} whose id is the moment it was taken in epoch
 * milliseconds, to exercise 3.15's {@link DashboardFeed}, which pushes it over SSE.
 */
final class DashboardTicker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DashboardTicker.class);

	private final LocalMeters local;

	private final SnapshotStore store;

	private final DashboardFeed feed;

	private final DashboardProperties properties;

	private final Clock clock;

	private ScheduledExecutorService ticker;

	private long lastId;

	DashboardTicker(LocalMeters local, SnapshotStore store, DashboardFeed feed, DashboardProperties properties,
			Clock clock) {
		this.local = local;
		this.store = store;
		this.feed = feed;
		this.properties = properties;
		this.clock = clock;
	}

	private void tick() {
		try {
			this.store.publish(this.local.read());
			long id = Math.max(this.clock.millis(), this.lastId + 1);
			this.lastId = id;
			this.feed.push(ClusterSnapshot.of(id, this.store.live()));
		}
		catch (RuntimeException ex) {
			// Redis away for a moment (or 3.15's starter): skip this period, try again at
			// the next.
			logger.debug("Dashboard snapshot skipped: " + ex.getMessage());
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
		try {
			this.feed.closeAll();
		}
		catch (RuntimeException ex) {
			logger.debug("Dashboard streams not closed: " + ex.getMessage());
		}
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
