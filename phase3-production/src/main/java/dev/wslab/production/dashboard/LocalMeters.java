package dev.wslab.production.dashboard;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.wslab.production.metrics.ChatMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * Reads this instance's own meters ({@link ChatMeters}) from its registry, the same ones
 * Prometheus scrapes, into an {@link InstanceSnapshot}. The rates are the counters'
 * growth since the previous reading, so one thread reads, once a period.
 */
final class LocalMeters {

	private final MeterRegistry registry;

	private final String instance;

	private final Clock clock;

	private Map<String, Double> lastIn = Map.of();

	private Map<String, Double> lastOut = Map.of();

	private long lastAt;

	LocalMeters(MeterRegistry registry, String instance, Clock clock) {
		this.registry = registry;
		this.instance = instance;
		this.clock = clock;
	}

	InstanceSnapshot read() {
		long at = this.clock.millis();
		Map<String, Double> in = counts(ChatMeters.MESSAGES_IN);
		Map<String, Double> out = counts(ChatMeters.MESSAGES_OUT);
		double seconds = (this.lastAt == 0) ? 0 : (at - this.lastAt) / 1000.0;
		InstanceSnapshot snapshot = new InstanceSnapshot(this.instance, at, (int) gauges(ChatMeters.WEBSOCKET_SESSIONS),
				(int) gauges(ChatMeters.STOMP_SESSIONS), gauges(ChatMeters.RELAY_AVAILABLE) >= 1,
				rates(in, this.lastIn, seconds), rates(out, this.lastOut, seconds), total(in), total(out),
				percentile(0.5), percentile(0.99));
		this.lastIn = in;
		this.lastOut = out;
		this.lastAt = at;
		return snapshot;
	}

	private Map<String, Double> counts(String name) {
		Map<String, Double> byKind = new TreeMap<>();
		for (Counter counter : this.registry.find(name).counters()) {
			byKind.merge(counter.getId().getTag("kind"), counter.count(), Double::sum);
		}
		return byKind;
	}

	private double gauges(String name) {
		return this.registry.find(name).gauges().stream().mapToDouble(Gauge::value).filter(Double::isFinite).sum();
	}

	private double percentile(double wanted) {
		Timer latency = this.registry.find(ChatMeters.DELIVERY_LATENCY).timer();
		if (latency == null) {
			return 0;
		}
		for (ValueAtPercentile value : latency.takeSnapshot().percentileValues()) {
			if (value.percentile() == wanted) {
				return value.value(TimeUnit.MILLISECONDS);
			}
		}
		return 0;
	}

	private static Map<String, Double> rates(Map<String, Double> now, Map<String, Double> before, double seconds) {
		Map<String, Double> rates = new TreeMap<>();
		now.forEach((kind, count) -> {
			double grown = count - before.getOrDefault(kind, count);
			rates.put(kind, (seconds > 0) ? Math.round(grown / seconds * 10) / 10.0 : 0.0);
		});
		return rates;
	}

	private static long total(Map<String, Double> counts) {
		return Math.round(counts.values().stream().mapToDouble(Double::doubleValue).sum());
	}

}
