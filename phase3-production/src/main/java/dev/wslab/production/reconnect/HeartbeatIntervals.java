package dev.wslab.production.reconnect;

import java.time.Duration;

/**
 * What a CONNECT's and its CONNECTED's {@code heart-beat} headers settle on (STOMP 1.2,
 * Heart-beating): how often each side beats when it has nothing else to send.
 * {@link Duration#ZERO} for a direction without heartbeats.
 *
 * @param clientToServer how often the client sends at least a beat, or zero
 * @param serverToClient how often the server sends at least a beat, so how often the
 * client hears from it, or zero
 */
record HeartbeatIntervals(Duration clientToServer, Duration serverToClient) {

	/** No heartbeats either way. */
	static final HeartbeatIntervals NONE = new HeartbeatIntervals(Duration.ZERO, Duration.ZERO);

	HeartbeatIntervals {
		if (clientToServer.isNegative() || serverToClient.isNegative()) {
			throw new IllegalArgumentException(
					"A heartbeat interval is zero or more: " + clientToServer + ", " + serverToClient);
		}
	}

}
