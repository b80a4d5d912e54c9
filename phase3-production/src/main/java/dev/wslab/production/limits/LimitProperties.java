package dev.wslab.production.limits;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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
 * @param messageSize the largest STOMP frame a client may send, in one WebSocket message
 * or in several (exercise 3.7)
 * @param sendTimeLimit how long one send to a client may take before the session is
 * closed as too slow (exercise 3.7)
 * @param sendBufferLimit how much may wait for a client behind a send in progress before
 * the session is closed as too slow (exercise 3.7)
 * @param timeToFirstMessage how long a new WebSocket may stay silent before its first
 * STOMP frame (exercise 3.7)
 */
@ConfigurationProperties("wslab.limits")
record LimitProperties(int messagesPerSecond, int burst, int connectionsPerIp, Duration retryAfter,
		List<String> trustedProxies, DataSize messageSize, Duration sendTimeLimit, DataSize sendBufferLimit,
		Duration timeToFirstMessage) {
}
