package dev.wslab.production.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;

import dev.wslab.production.cluster.ChatCluster;

/** Reads one instance's chat meters straight from its registry. */
record InstanceMeters(MeterRegistry registry) {

	static InstanceMeters of(ChatCluster cluster, int instance) {
		return new InstanceMeters(cluster.context(instance).getBean(MeterRegistry.class));
	}

	/**
	 * A counter's count, or 0 for one not created yet (errors by code are created as they
	 * come).
	 */
	double counter(String name, String... tags) {
		io.micrometer.core.instrument.Counter counter = this.registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	double gauge(String name, String... tags) {
		return search(name, tags).gauge().value();
	}

	long timerCount(String name) {
		return search(name).timer().count();
	}

	double timerTotalSeconds(String name) {
		return search(name).timer().totalTime(java.util.concurrent.TimeUnit.SECONDS);
	}

	private RequiredSearch search(String name, String... tags) {
		return this.registry.get(name).tags(tags);
	}

}
