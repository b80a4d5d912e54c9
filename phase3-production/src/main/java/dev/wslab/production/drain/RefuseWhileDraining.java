package dev.wslab.production.drain;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every request under {@code /ws/} with {@code 503 Service Unavailable} and
 * {@code Retry-After} once exercise 3.11's drain has begun (RFC 9110 §15.6.4: the server
 * is "temporarily overloaded or down for maintenance"), so that a client, or a proxy told
 * to ({@code proxy_next_upstream http_503}), tries another instance.
 */
final class RefuseWhileDraining extends OncePerRequestFilter {

	private final DrainingShutdown drain;

	private final long retryAfterSeconds;

	RefuseWhileDraining(DrainingShutdown drain, DrainProperties properties) {
		this.drain = drain;
		this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.drain.isDraining()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setContentType("text/plain");
			response.getWriter().write("This instance is restarting; try another.\n");
			return;
		}
		chain.doFilter(request, response);
	}

}
