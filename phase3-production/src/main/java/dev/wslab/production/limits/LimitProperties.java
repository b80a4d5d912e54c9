package dev.wslab.production.limits;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much a user may send ({@code wslab.limits.*}): exercise 3.5's token bucket.
 *
 * @param messagesPerSecond the SENDs to {@code /app} a user may make per second, on
 * average
 * @param burst how many a user may send at once after a quiet spell: the bucket's size
 * @param connectionsPerIp the WebSockets one client address may hold open on an instance
 * (exercise 3.6)
 * @param retryAfter what a refused handshake's {@code Retry-After} says
 * @param trustedProxies the peer addresses whose {@code X-Forwarded-For} is believed
 */
@ConfigurationProperties("wslab.limits")
record LimitProperties(int messagesPerSecond, int burst, int connectionsPerIp, Duration retryAfter,
		List<String> trustedProxies) {
}
