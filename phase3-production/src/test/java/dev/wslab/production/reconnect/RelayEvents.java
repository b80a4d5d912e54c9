package dev.wslab.production.reconnect;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.wslab.production.metrics.ChatMeters;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

/**
 * The {@link BrokerAvailabilityEvent}s of one instance, with the moment each came: the
 * relay publishes one when its system session with the broker is lost and one when it is
 * back.
 */
final class RelayEvents implements ApplicationListener<BrokerAvailabilityEvent> {

	private final List<Long> lostAtNanos = new CopyOnWriteArrayList<>();

	private final List<Long> backAtNanos = new CopyOnWriteArrayList<>();

	/** Starts listening to a running instance. */
	static RelayEvents on(ConfigurableApplicationContext instance) {
		RelayEvents events = new RelayEvents();
		instance.addApplicationListener(events);
		return events;
	}

	/**
	 * Reads the instance's relay gauge ({@link ChatMeters#RELAY_AVAILABLE}), set by the
	 * same events.
	 */
	static boolean available(ConfigurableApplicationContext instance) {
		Gauge gauge = instance.getBean(MeterRegistry.class).find(ChatMeters.RELAY_AVAILABLE).gauge();
		return gauge != null && gauge.value() >= 1;
	}

	@Override
	public void onApplicationEvent(BrokerAvailabilityEvent event) {
		(event.isBrokerAvailable() ? this.backAtNanos : this.lostAtNanos).add(System.nanoTime());
	}

	/** Nanoseconds of the first "lost" event after a moment, or -1. */
	long lostAfter(long nanos) {
		return first(this.lostAtNanos, nanos);
	}

	/** Nanoseconds of the first "available" event after a moment, or -1. */
	long backAfter(long nanos) {
		return first(this.backAtNanos, nanos);
	}

	private static long first(List<Long> moments, long after) {
		return moments.stream().filter((at) -> at >= after).findFirst().orElse(-1L);
	}

}
