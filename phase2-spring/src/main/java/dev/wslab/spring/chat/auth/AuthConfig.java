package dev.wslab.spring.chat.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Jwts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Wires the JWT parts. The CONNECT interceptor goes on the inbound channel ahead of
 * Spring Security's interceptors, whose configurer has order
 * {@code HIGHEST_PRECEDENCE + 100}: the user must be known before the rules are checked.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE + 99)
class AuthConfig implements WebSocketMessageBrokerConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(AuthConfig.class);

	private final JwtConnectInterceptor connectInterceptor;

	AuthConfig(JwtConnectInterceptor connectInterceptor) {
		this.connectInterceptor = connectInterceptor;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.connectInterceptor);
	}

	@Bean
	static JwtTokens jwtTokens(@Value("${wslab.chat.jwt.secret:}") String secret,
			@Value("${wslab.chat.jwt.ttl:1h}") Duration ttl) {
		return new JwtTokens(key(secret), ttl, Clock.systemUTC());
	}

	@Bean
	static JwtConnectInterceptor jwtConnectInterceptor(JwtTokens tokens) {
		return new JwtConnectInterceptor(tokens);
	}

	private static SecretKey key(String secret) {
		if (secret.isBlank()) {
			// No shared secret configured: tokens are valid until this process stops.
			// Several instances (Phase 3) must share one through wslab.chat.jwt.secret.
			logger.info("wslab.chat.jwt.secret is not set: signing tokens with a random key");
			return Jwts.SIG.HS256.key().build();
		}
		byte[] bytes = Base64.getDecoder().decode(secret);
		if (bytes.length < 32) {
			throw new IllegalStateException("wslab.chat.jwt.secret must be at least 256 bits (32 bytes, base64)");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

}
