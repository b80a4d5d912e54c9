package dev.wslab.production.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The live dashboard's settings ({@code wslab.dashboard.*}).
 *
 * @param period how often each instance publishes its snapshot and pushes the cluster's
 * @param ttl how long an instance's snapshot lives in Redis unless it is renewed: an
 * instance that stops publishing leaves the dashboard after this
 * @param history how many cluster snapshots each instance keeps for a client that resumes
 * with {@code Last-Event-ID}
 * @param maxViewers how many dashboard streams one instance serves at once
 */
@ConfigurationProperties("wslab.dashboard")
record DashboardProperties(Duration period, Duration ttl, int history, int maxViewers) {
}
