package dev.wslab.production.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much a user may send ({@code wslab.limits.*}): exercise 3.5's token bucket.
 *
 * @param messagesPerSecond the SENDs to {@code /app} a user may make per second, on
 * average
 * @param burst how many a user may send at once after a quiet spell: the bucket's size
 */
@ConfigurationProperties("wslab.limits")
record LimitProperties(int messagesPerSecond, int burst) {
}
