package dev.wslab.production.expiry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Reads when the token of a CONNECT expires: the {@code exp} claim (RFC 7519 §4.1.4,
 * seconds since the epoch) of its {@code Authorization: Bearer} header.
 *
 * <p>
 * It does not check the signature again: the CONNECT reached the client as CONNECTED, so
 * Phase 2's {@code JwtConnectInterceptor} (exercise 2.7) has already verified the token
 * and refused any without an {@code exp}.
 */
final class BearerExpiry {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BEARER = "Bearer ";

	private BearerExpiry() {
	}

	/**
	 * Returns when the token of a CONNECT expires.
	 * @param connect the CONNECT frame's headers
	 * @return the expiry, or null if it carries no bearer token with an {@code exp}
	 */
	static Instant of(StompHeaderAccessor connect) {
		String header = connect.getFirstNativeHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String[] parts = header.substring(BEARER.length()).strip().split("\\.");
		if (parts.length != 3) {
			return null;
		}
		JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
		JsonNode exp = claims.path("exp");
		return exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
	}

}
