package dev.wslab.spring.chat.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SecurityException;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Exercise 2.6: issuing and checking the chat's JWTs with jjwt.
 *
 * <p>
 * A token is an HS256-signed JWS with the username as subject, the roles in a
 * {@code roles} claim, an issuer, an issue time and an expiry. Checking refuses, each
 * with its own reason: a wrong signature, a malformed token, an unsigned token
 * ({@code alg: none}), an expired token, and a token without an expiry, which jjwt on its
 * own would accept.
 */
public class JwtTokens {

	static final String ISSUER = "wslab-chat";

	private final SecretKey key;

	private final Duration ttl;

	private final Clock clock;

	/**
	 * Creates the token service.
	 * @param key the HMAC key, at least 256 bits
	 * @param ttl how long a token is valid
	 * @param clock the time source
	 */
	public JwtTokens(SecretKey key, Duration ttl, Clock clock) {
		this.key = key;
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * Issues a token.
	 * @param username the user
	 * @param roles the roles, without {@code ROLE_}
	 * @return the compact JWS
	 */
	public String issue(String username, Collection<String> roles) {
		Instant now = this.clock.instant();
		return Jwts.builder()
			.issuer(ISSUER)
			.subject(username)
			.claim("roles", List.copyOf(roles))
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(this.ttl)))
			.signWith(this.key, Jwts.SIG.HS256)
			.compact();
	}

	/**
	 * Checks a token and returns who it names.
	 * @param token the compact JWS
	 * @return an authenticated user with {@code ROLE_} authorities
	 * @throws BadCredentialsException with the reason, if the token is refused
	 */
	public Authentication authenticate(String token) {
		Claims claims;
		try {
			claims = Jwts.parser()
				.verifyWith(this.key)
				.requireIssuer(ISSUER)
				.clock(() -> Date.from(this.clock.instant()))
				.build()
				.parseSignedClaims(token)
				.getPayload();
		}
		catch (ExpiredJwtException ex) {
			throw new BadCredentialsException("the token has expired");
		}
		catch (SecurityException ex) {
			throw new BadCredentialsException("the token's signature is not valid");
		}
		catch (UnsupportedJwtException ex) {
			// Among others, an unsecured JWS ({"alg":"none"}): parseSignedClaims refuses
			// it.
			throw new BadCredentialsException("the token is not a signed JWS");
		}
		catch (MalformedJwtException | IllegalArgumentException ex) {
			throw new BadCredentialsException("the token is malformed");
		}
		catch (JwtException ex) {
			throw new BadCredentialsException("the token is not valid: " + ex.getMessage());
		}
		if (claims.getExpiration() == null) {
			// jjwt checks exp only when it is present; a token that never expires is
			// refused.
			throw new BadCredentialsException("the token has no expiry (exp)");
		}
		if (claims.getSubject() == null || claims.getSubject().isBlank()) {
			throw new BadCredentialsException("the token names no user (sub)");
		}
		List<SimpleGrantedAuthority> authorities = roles(claims).stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(claims.getSubject(), null, authorities);
	}

	private static List<String> roles(Claims claims) {
		Object roles = claims.get("roles");
		if (!(roles instanceof Collection<?> values)) {
			return List.of();
		}
		return values.stream().map(String::valueOf).toList();
	}

}
