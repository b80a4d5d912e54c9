package dev.wslab.production.metrics;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * Whether the broker relay can reach RabbitMQ ({@link ChatMeters#RELAY_AVAILABLE}): 1
 * from the {@link BrokerAvailabilityEvent} that says its system session is up, 0 from the
 * one that says it is lost, and 0 before the first.
 */
@Component
class RelayAvailability {

	private final AtomicBoolean available = new AtomicBoolean();

	RelayAvailability(MeterRegistry registry) {
		Gauge.builder(ChatMeters.RELAY_AVAILABLE, this.available, (up) -> up.get() ? 1 : 0)
			.description("1 while the STOMP broker relay's system session with the broker is up, else 0")
			.register(registry);
	}

	/**
	 * Says whether the relay can reach the broker now.
	 * @return true if it can
	 */
	boolean isAvailable() {
		return this.available.get();
	}

	@EventListener
	void changed(BrokerAvailabilityEvent event) {
		this.available.set(event.isBrokerAvailable());
	}

}
