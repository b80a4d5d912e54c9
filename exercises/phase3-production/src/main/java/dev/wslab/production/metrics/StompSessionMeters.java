package dev.wslab.production.metrics;

import io.micrometer.core.instrument.MeterRegistry;

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

	// TODO(3.13): the fields you need: when each open session opened, and the timer.

	/**
	 * Registers the gauge and the timer, at zero.
	 * @param registry the application's registry
	 */
	StompSessionMeters(MeterRegistry registry) {
		// TODO(3.13): register the gauge (ChatMeters.STOMP_SESSIONS) and the timer
		// (ChatMeters.CONNECTION_DURATION) here, once, without tags. The app starts with
		// this constructor as it is; opened and ended throw until you write them.
	}

	/**
	 * A session got its CONNECTED frame.
	 * @param sessionId the session
	 */
	void opened(String sessionId) {
		throw new UnsupportedOperationException(
				"TODO(3.13): StompSessionMeters.opened: register the gauge and the timer in the constructor, then remember when this session opened, by the registry's clock (registry.config().clock().monotonicTime())");
	}

	/**
	 * A session ended: by DISCONNECT, a closed socket, or a failed CONNECT.
	 * @param sessionId the session
	 */
	void ended(String sessionId) {
		throw new UnsupportedOperationException(
				"TODO(3.13): StompSessionMeters.ended: forget the session and record how long it lasted on the timer, once, and only for a session that opened");
	}

}
