package dev.wslab.production.metrics;

import java.io.IOException;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts WebSocket handshakes refused with an HTTP error, by reason
 * ({@link ChatMeters#HANDSHAKES_REFUSED}). It wraps every other filter and reads the
 * status the handshake was answered with, so it counts a refusal wherever it came from:
 * the connection cap's {@code 429} (exercise 3.6), the allowed origins' {@code 403}
 * (Spring's origin check), anything else of 400 and above as {@code other}.
 */
final class HandshakeRefusals extends OncePerRequestFilter {

	private final Map<Integer, Counter> byStatus;

	private final Counter other;

	HandshakeRefusals(MeterRegistry registry) {
		this.byStatus = Map.of(429, counter(registry, "connection-cap"), 403, counter(registry, "origin"));
		this.other = counter(registry, "other");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		// RFC 6455 §4.1: a handshake is a GET with "Upgrade: websocket"; any status but
		// 101 refuses it.
		if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && response.getStatus() >= 400) {
			this.byStatus.getOrDefault(response.getStatus(), this.other).increment();
		}
	}

	private static Counter counter(MeterRegistry registry, String reason) {
		return Counter.builder(ChatMeters.HANDSHAKES_REFUSED)
			.description("WebSocket handshakes answered with an HTTP error, by reason")
			.tag("reason", reason)
			.register(registry);
	}

}
