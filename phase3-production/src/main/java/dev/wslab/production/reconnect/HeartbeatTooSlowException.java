package dev.wslab.production.reconnect;

import java.time.Duration;

/**
 * No client {@code heart-beat} header can keep a connection alive through a proxy: the
 * server beats, or accepts beats, less often than the proxy's idle timeout needs (or not
 * at all). Negotiation takes the larger of the two figures on each side (STOMP 1.2,
 * Heart-beating), so a client can slow its server's beats down but never speed them up:
 * only the server's configuration, or a longer proxy timeout, can fix this.
 */
final class HeartbeatTooSlowException extends IllegalArgumentException {

	private final HeartBeat serverOffer;

	private final Duration proxyReadTimeout;

	private final Duration limit;

	/**
	 * Creates the exception.
	 * @param serverOffer the {@code heart-beat} the server answers in its CONNECTED
	 * @param proxyReadTimeout the proxy's idle timeout
	 * @param limit the longest interval the proxy allows, with the margin
	 */
	HeartbeatTooSlowException(HeartBeat serverOffer, Duration proxyReadTimeout, Duration limit) {
		super(("The server offers heart-beat:%s, but proxy_read_timeout %d ms needs a beat both ways every %d ms "
				+ "at most (0 is never): no client header can fix it, negotiation takes the larger figure "
				+ "(STOMP 1.2, Heart-beating)")
			.formatted(serverOffer.header(), proxyReadTimeout.toMillis(), limit.toMillis()));
		this.serverOffer = serverOffer;
		this.proxyReadTimeout = proxyReadTimeout;
		this.limit = limit;
	}

	/**
	 * Returns what the server offered.
	 * @return its CONNECTED's {@code heart-beat}
	 */
	HeartBeat serverOffer() {
		return this.serverOffer;
	}

	/**
	 * Returns the proxy's idle timeout.
	 * @return the timeout the offer was checked against
	 */
	Duration proxyReadTimeout() {
		return this.proxyReadTimeout;
	}

	/**
	 * Returns the longest interval the proxy allows, with the margin.
	 * @return the limit the offer crossed
	 */
	Duration limit() {
		return this.limit;
	}

}
