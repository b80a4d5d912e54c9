package dev.wslab.production.reconnect;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.core.ConditionTimeoutException;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import static org.awaitility.Awaitility.await;

/**
 * Watches the relays of some instances: whether each is connected to a broker now, and
 * when each said so again ({@link BrokerAvailabilityEvent}) after a moment.
 */
final class RelayWatch {

	private final List<ConfigurableApplicationContext> instances;

	private final List<List<Long>> availableAtNanos;

	RelayWatch(List<ConfigurableApplicationContext> instances) {
		this.instances = List.copyOf(instances);
		this.availableAtNanos = instances.stream().map((instance) -> {
			List<Long> times = new CopyOnWriteArrayList<>();
			instance.addApplicationListener((ApplicationListener<BrokerAvailabilityEvent>) (event) -> {
				if (event.isBrokerAvailable()) {
					times.add(System.nanoTime());
				}
			});
			return times;
		}).toList();
	}

	boolean allAvailable() {
		return this.instances.stream()
			.allMatch((instance) -> instance.getBean(StompBrokerRelayMessageHandler.class).isBrokerAvailable());
	}

	/** Waits, bounded, until every relay said it is available after a moment. */
	void awaitAllAvailableAfter(long nanos, Duration timeout) {
		try {
			await().atMost(timeout).until(() -> millisBackAfter(nanos).stream().allMatch((ms) -> ms >= 0));
		}
		catch (ConditionTimeoutException ex) {
			// The drill reports it, with -1 for a relay that did not come back.
		}
	}

	/**
	 * Per instance, the milliseconds from a moment to its relay's next availability, or
	 * -1.
	 */
	List<Long> millisBackAfter(long nanos) {
		return this.availableAtNanos.stream()
			.map((times) -> times.stream()
				.filter((at) -> at >= nanos)
				.findFirst()
				.map((at) -> Duration.ofNanos(at - nanos).toMillis())
				.orElse(-1L))
			.toList();
	}

}
