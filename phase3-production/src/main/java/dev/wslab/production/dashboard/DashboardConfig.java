package dev.wslab.production.dashboard;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The live dashboard (README, Phase 3 "The live dashboard"). Each instance reads its own
 * meters, publishes them to Redis, and serves the whole cluster's figures at
 * {@code /dashboard.html}, pushed over SSE from {@code /api/dashboard/stream} by exercise
 * 3.15's {@link DashboardFeed}; the rest is scaffolding.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardConfig {

	@Bean
	DashboardFeed dashboardFeed(DashboardProperties properties) {
		return new DashboardFeed(properties);
	}

	@Bean
	DashboardTicker dashboardTicker(DashboardFeed feed, MeterRegistry registry, StringRedisTemplate redis,
			JsonMapper json, Clock clock, DashboardProperties properties,
			@Value("${wslab.cluster.instance}") String instance) {
		return new DashboardTicker(new LocalMeters(registry, instance, clock),
				new SnapshotStore(redis, json, properties.ttl()), feed, properties, clock);
	}

}
