package dev.wslab.production.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Exercise 3.13: the metrics binder. This instance's STOMP sessions as two meters on
 * Micrometer: how many are open now ({@link ChatMeters#STOMP_SESSIONS}, a gauge) and how
 * long each one lasted ({@link ChatMeters#CONNECTION_DURATION}, a timer), from the
 * CONNECTED frame Spring sends to the end Spring announces. Spring's own STOMP stats
 * count CONNECT and DISCONNECT frames, not sessions: a socket that just closes sends no
 * DISCONNECT.
 *
 * <p>
 * Both meters are registered once, at start, without tags: a tag per session would make
 * a time series per session. {@link StompSessionEvents} (scaffolding) calls
 * {@link #opened} and {@link #ended} from Spring's session events.
 */
final class StompSessionMeters {

	private final Map<String, Long> openedAt = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	private final Timer duration;

	/**
	 * Registers the gauge and the timer, at zero.
	 * @param registry the application's registry
	 */
	StompSessionMeters(MeterRegistry registry) {
		this.registry = registry;
		// Micrometer keeps a weak reference to a gauge's object: the map is a field, so
		// it lives as long as this binder does.
		Gauge.builder(ChatMeters.STOMP_SESSIONS, this.openedAt, Map::size)
			.description("STOMP sessions that got their CONNECTED and have not ended")
			.register(registry);
		this.duration = Timer.builder(ChatMeters.CONNECTION_DURATION)
			.description("How long STOMP sessions lasted, from CONNECTED to their end")
			.register(registry);
	}

	/**
	 * A session got its CONNECTED frame.
	 * @param sessionId the session
	 */
	void opened(String sessionId) {
		// The registry's clock, not System.nanoTime(): the registry's own timers use it,
		// and a test can move it.
		this.openedAt.putIfAbsent(sessionId, this.registry.config().clock().monotonicTime());
	}

	/**
	 * A session ended: by DISCONNECT, a closed socket, or a failed CONNECT.
	 * @param sessionId the session
	 */
	void ended(String sessionId) {
		// Spring may announce the end of one session more than once, and announces the
		// end of a session refused at CONNECT, which never opened: only the first end of
		// an opened session counts.
		Long opened = this.openedAt.remove(sessionId);
		if (opened != null) {
			this.duration.record(this.registry.config().clock().monotonicTime() - opened, TimeUnit.NANOSECONDS);
		}
	}

}
