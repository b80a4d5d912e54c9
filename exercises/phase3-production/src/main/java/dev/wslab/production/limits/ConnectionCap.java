package dev.wslab.production.limits;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Exercise 3.6: a cap on the WebSockets one client address may hold open, enforced at the
 * handshake with a clear HTTP refusal: {@code 429} with {@code Retry-After}. Behind Nginx,
 * the client is in {@code X-Forwarded-For}; believe it only from a trusted proxy
 * ({@code limits.trustedProxies()}).
 */
public class ConnectionCap {

	private final LimitProperties limits;

	ConnectionCap(LimitProperties limits) {
		this.limits = limits;
	}

	/**
	 * Names the client of a connection.
	 * @param peer the address of the direct peer
	 * @param forwardedFor the {@code X-Forwarded-For} header, or null
	 * @return the peer; or, when the peer is a trusted proxy, the nearest address in
	 * {@code X-Forwarded-For} that is not one
	 */
	String clientAddress(String peer, String forwardedFor) {
		throw new UnsupportedOperationException(
				"TODO(3.6): the peer, or X-Forwarded-For's nearest untrusted address when the peer is a trusted proxy");
	}

	/**
	 * Refuses a handshake if its client already holds the most sockets allowed.
	 * @param open the client's open sockets on this instance
	 * @param response the handshake's response, answered here when refused
	 * @return true if refused
	 * @throws IOException if the refusal cannot be written
	 */
	boolean refuse(int open, HttpServletResponse response) throws IOException {
		throw new UnsupportedOperationException(
				"TODO(3.6): at limits.connectionsPerIp() open sockets, answer 429 with Retry-After and return true");
	}

}
