package dev.wslab.production.limits;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts exercise 3.6's {@link ConnectionCap} in front of every WebSocket handshake under
 * {@code /ws/} (a GET with {@code Upgrade: websocket}); SockJS's HTTP requests pass.
 *
 * <p>
 * A failure in {@link ConnectionCap} is logged, and the handshake goes on uncapped: a
 * starter not yet written must not break every other exercise's connections.
 */
final class HandshakeCap extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeCap.class);

	private final ConnectionCap cap;

	private final OpenSockets open;

	HandshakeCap(ConnectionCap cap, OpenSockets open) {
		this.cap = cap;
		this.open = open;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && refused(request, response)) {
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
		try {
			String client = this.cap.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
			return this.cap.refuse(this.open.count(client), response);
		}
		catch (RuntimeException ex) {
			logger.error("The connection cap failed; this handshake goes on uncapped", ex);
			return false;
		}
	}

	/** The client address as the cap sees it, or the peer's if the cap fails. */
	static String clientAddress(ConnectionCap cap, String peer, String forwardedFor) {
		try {
			return cap.clientAddress(peer, forwardedFor);
		}
		catch (RuntimeException ex) {
			return peer;
		}
	}

}
