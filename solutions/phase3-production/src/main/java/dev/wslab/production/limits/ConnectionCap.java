package dev.wslab.production.limits;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Exercise 3.6: a cap on the WebSockets one client address may hold open, enforced at the
 * handshake with a clear HTTP refusal.
 *
 * <p>
 * Over the cap, the handshake is answered {@code 429 Too Many Requests} with a
 * {@code Retry-After}, before any upgrade. Behind Nginx every connection comes from the
 * proxy, so the client is the address the proxy adds to {@code X-Forwarded-For}; but
 * anyone can send that header, so it is believed only when the direct peer is a trusted
 * proxy.
 */
public class ConnectionCap {

	private static final int TOO_MANY_REQUESTS = 429;

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
		// From anyone else, X-Forwarded-For is whatever the client chose to write.
		if (forwardedFor == null || !this.limits.trustedProxies().contains(peer)) {
			return peer;
		}
		// Each proxy appends the address it saw: read from the right, past our own
		// proxies. The left-most entries are again the client's own words.
		List<String> hops = List.of(forwardedFor.split(","));
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i).strip();
			if (!hop.isEmpty() && !this.limits.trustedProxies().contains(hop)) {
				return hop;
			}
		}
		return peer;
	}

	/**
	 * Refuses a handshake if its client already holds the most sockets allowed.
	 * @param open the client's open sockets on this instance
	 * @param response the handshake's response, answered here when refused
	 * @return true if refused
	 * @throws IOException if the refusal cannot be written
	 */
	boolean refuse(int open, HttpServletResponse response) throws IOException {
		if (open < this.limits.connectionsPerIp()) {
			return false;
		}
		// RFC 6585 §4: 429 "MAY include a Retry-After header indicating how long to wait
		// before making a new request".
		response.setStatus(TOO_MANY_REQUESTS);
		response.setHeader("Retry-After", String.valueOf(this.limits.retryAfter().toSeconds()));
		response.setContentType("text/plain");
		response.getWriter()
			.write("Too many connections from your address: at most " + this.limits.connectionsPerIp() + ".\n");
		return true;
	}

}
