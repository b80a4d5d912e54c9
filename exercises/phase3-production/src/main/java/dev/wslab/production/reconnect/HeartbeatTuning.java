package dev.wslab.production.reconnect;

import java.time.Duration;
import java.util.Optional;

/**
 * Exercise 3.18: STOMP heartbeats tuned against a proxy's idle timeout. Three rules:
 *
 * <ul>
 * <li><b>Negotiation</b> (STOMP 1.2, Heart-beating). A CONNECT's
 * {@code heart-beat:cx,cy} and its CONNECTED's {@code heart-beat:sx,sy} settle on: the
 * client beats every {@code max(cx, sy)} ms, unless {@code cx} or {@code sy} is 0, and
 * the server every {@code max(sx, cy)} ms, unless {@code sx} or {@code cy} is 0 (then
 * that direction has no heartbeats).</li>
 * <li><b>The header for a proxy.</b> A proxy such as Nginx closes a WebSocket on which
 * nothing crossed for its {@code proxy_read_timeout}. Traffic must cross it at least
 * every {@code timeout / MARGIN} in both directions: a client that checks on a timer
 * beats only once its silence has passed the interval (Spring's
 * {@code WebSocketStompClient} checks every half interval), so up to 1.5 intervals can
 * pass between two beats, 0.75 of the timeout, and the rest is for the network and a
 * busy scheduler. The client asks for that limit both ways, rounded down to whole
 * seconds once it is a second or more: RabbitMQ counts heart-beats in seconds, rounds a
 * client's figures down, and checks the client against its rounded figure, so a client
 * that asked for 1900 ms is held to 1 s (and cut after 2 s of silence) while it beats
 * every 1.9 to 2.85 s. Because negotiation takes the larger figure, a server that beats
 * or wants beats less often than the limit (or never) cannot be fixed by the client: that
 * is refused with a {@link HeartbeatTooSlowException}, rather than a header that will be
 * cut.</li>
 * <li><b>A dead peer.</b> A peer that should beat every {@code interval} counts as dead
 * after {@code TOLERANCE × interval} with nothing at all from it. That is Spring's client
 * ({@code DefaultStompSession} watches reads for three times the negotiated interval) and
 * the top of RabbitMQ's two to three ({@code rabbit_heartbeat} checks every interval and
 * closes after two checks without data).</li>
 * </ul>
 */
final class HeartbeatTuning {

	/** Traffic must cross the proxy at least every {@code proxy_read_timeout / MARGIN}. */
	static final int MARGIN = 2;

	/** A peer silent for {@code TOLERANCE} of its intervals counts as dead. */
	static final int TOLERANCE = 3;

	private HeartbeatTuning() {
	}

	/**
	 * Settles a CONNECT's {@code heart-beat} and its CONNECTED's.
	 * @param connect the client's {@code cx,cy}
	 * @param connected the server's {@code sx,sy}
	 * @return how often each side beats; zero for a direction without heartbeats
	 */
	static HeartbeatIntervals negotiate(HeartBeat connect, HeartBeat connected) {
		// TODO(3.18): client to server: zero when connect.send() or connected.receive() is
		// 0, else the larger of the two; server to client: the same with connected.send()
		// and connect.receive().
		throw new UnsupportedOperationException(
				"TODO(3.18): HeartbeatTuning.negotiate: each direction beats every max(sender's send, receiver's receive) ms, none when either is 0");
	}

	/**
	 * Chooses the client's {@code heart-beat} for a proxy's idle timeout.
	 * @param proxyReadTimeout the proxy's idle timeout, above zero
	 * @param serverOffer the {@code heart-beat} the server answers in its CONNECTED
	 * @return {@code limit,limit} with {@code limit = proxyReadTimeout / MARGIN} in whole
	 * ms, then in whole seconds when it is 1000 ms or more (both rounded down)
	 * @throws HeartbeatTooSlowException when the server's offer has a figure of 0 or
	 * above the limit
	 * @throws IllegalArgumentException when the timeout is zero or negative
	 */
	static HeartBeat forProxy(Duration proxyReadTimeout, HeartBeat serverOffer) {
		// TODO(3.18): refuse a timeout of zero or less with IllegalArgumentException; the
		// limit is proxyReadTimeout.toMillis() / MARGIN, and the header's figure is the
		// limit rounded down to whole seconds once it is 1000 ms or more; negotiate that
		// header with the offer, and throw HeartbeatTooSlowException when a direction
		// comes out as none or above the limit; else return the header.
		throw new UnsupportedOperationException(
				"TODO(3.18): HeartbeatTuning.forProxy: heart-beat limit,limit with limit = timeout / MARGIN (whole seconds from 1 s), refused with HeartbeatTooSlowException when the server's offer is 0 or above the limit");
	}

	/**
	 * Says how long a peer may stay silent before it counts as dead.
	 * @param interval how often the peer should beat (a negotiated interval); zero when
	 * it does not
	 * @return {@code TOLERANCE × interval}, or empty when the peer does not beat: then
	 * silence proves nothing
	 */
	static Optional<Duration> deadAfter(Duration interval) {
		// TODO(3.18): empty for a zero interval, TOLERANCE times it otherwise; a negative
		// interval is an IllegalArgumentException.
		throw new UnsupportedOperationException(
				"TODO(3.18): HeartbeatTuning.deadAfter: TOLERANCE x the interval, empty when the peer does not beat");
	}

}
