package dev.wslab.production.drain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How an instance drains when it stops ({@code wslab.drain.*}): exercise 3.11.
 *
 * @param enabled false leaves the stop to Spring and Tomcat (the WebSockets closed with
 * 1001, nothing drained), as a drill that wants Spring's own behaviour does
 * @param timeout the longest the drain waits for its sessions to close and the messaging
 * executors to go idle; well inside {@code spring.lifecycle.timeout-per-shutdown-phase}
 * @param retryAfter what a handshake refused while draining is told in
 * {@code Retry-After}
 */
@ConfigurationProperties("wslab.drain")
record DrainProperties(boolean enabled, Duration timeout, Duration retryAfter) {
}
