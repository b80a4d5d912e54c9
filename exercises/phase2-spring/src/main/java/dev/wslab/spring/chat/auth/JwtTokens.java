package dev.wslab.spring.chat.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

import javax.crypto.SecretKey;

import org.springframework.security.core.Authentication;

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
		// TODO(2.6): Jwts.builder() with issuer, subject, a "roles" claim, issuedAt and
		// expiration from this.clock, signed with this.key and Jwts.SIG.HS256.
		throw new UnsupportedOperationException("TODO(2.6): issue a signed token in JwtTokens.issue");
	}

	/**
	 * Checks a token and returns who it names.
	 * @param token the compact JWS
	 * @return an authenticated user with {@code ROLE_} authorities
	 * @throws org.springframework.security.authentication.BadCredentialsException with
	 * the reason, if the token is refused
	 */
	public Authentication authenticate(String token) {
		// TODO(2.6): Jwts.parser().verifyWith(key).requireIssuer(..).clock(..) and
		// parseSignedClaims; turn each jjwt exception into a BadCredentialsException
		// with its reason; refuse a token without exp.
		throw new UnsupportedOperationException("TODO(2.6): check a token in JwtTokens.authenticate");
	}

}
