package dev.wslab.spring.chat.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.crypto.SecretKey;

import dev.wslab.kit.grading.Grades;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Grades exercise 2.6: issuing and checking tokens, without a server. */
@Grades("2.6")
class JwtTokensGraderTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final SecretKey key = Jwts.SIG.HS256.key().build();

	private final JwtTokens tokens = new JwtTokens(this.key, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void issuesATokenThatAuthenticatesItsUserWithRoles() {
		Authentication user = this.tokens.authenticate(this.tokens.issue("admin", List.of("USER", "ADMIN")));

		assertThat(user.getName()).isEqualTo("admin");
		assertThat(user.isAuthenticated()).isTrue();
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
	}

	@Test
	void issuesAnHs256TokenThatExpires() {
		String token = this.tokens.issue("alice", List.of("USER"));

		String header = decode(token.split("\\.")[0]);
		String claims = decode(token.split("\\.")[1]);
		assertThat(header).contains("\"alg\":\"HS256\"");
		assertThat(claims).contains("\"sub\":\"alice\"")
			.contains("\"exp\":" + NOW.plus(Duration.ofHours(1)).getEpochSecond());
	}

	@Test
	void refusesAnExpiredToken() {
		String token = this.tokens.issue("alice", List.of("USER"));
		JwtTokens later = new JwtTokens(this.key, Duration.ofHours(1),
				Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));

		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> later.authenticate(token))
			.withMessageContaining("expired");
	}

	@Test
	void refusesATokenSignedWithAnotherKey() {
		JwtTokens other = new JwtTokens(Jwts.SIG.HS256.key().build(), Duration.ofHours(1),
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.tokens.authenticate(other.issue("alice", List.of("USER"))))
			.withMessageContaining("signature");
	}

	@Test
	void refusesAMalformedToken() {
		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> this.tokens.authenticate("not.a.jwt"))
			.withMessageContaining("malformed");
	}

	@Test
	void refusesAnUnsignedAlgNoneToken() {
		String unsigned = Forged.unsigned("alice", NOW.plus(Duration.ofHours(1)));

		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> this.tokens.authenticate(unsigned))
			.withMessageContaining("signed");
	}

	@Test
	void refusesAWellSignedTokenWithoutExpiry() {
		String forever = Jwts.builder()
			.issuer("wslab-chat")
			.subject("alice")
			.claim("roles", List.of("USER"))
			.issuedAt(Date.from(NOW))
			.signWith(this.key, Jwts.SIG.HS256)
			.compact();

		assertThatExceptionOfType(BadCredentialsException.class).isThrownBy(() -> this.tokens.authenticate(forever))
			.withMessageContaining("exp");
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

}
