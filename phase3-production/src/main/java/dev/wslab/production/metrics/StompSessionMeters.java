package dev.wslab.production.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * This instance's STOMP sessions: how many are open ({@link ChatMeters#STOMP_SESSIONS})
 * and how long each one lasted ({@link ChatMeters#CONNECTION_DURATION}), from the
 * CONNECTED frame Spring sends to the end Spring announces. Spring's own STOMP stats
 * count CONNECT and DISCONNECT frames, not sessions: a socket that just closes sends no
 * DISCONNECT.
 */
@Component
class StompSessionMeters {

	private final Map<String, Long> openedAt = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	private final Timer duration;

	StompSessionMeters(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder(ChatMeters.STOMP_SESSIONS, this.openedAt, Map::size)
			.description("STOMP sessions that got their CONNECTED and have not ended")
			.register(registry);
		this.duration = Timer.builder(ChatMeters.CONNECTION_DURATION)
			.description("How long STOMP sessions lasted, from CONNECTED to their end")
			.register(registry);
	}

	/**
	 * Returns the number of open STOMP sessions.
	 * @return the count
	 */
	int open() {
		return this.openedAt.size();
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		String session = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
		if (session != null) {
			this.openedAt.put(session, this.registry.config().clock().monotonicTime());
		}
	}

	@EventListener
	void ended(SessionDisconnectEvent event) {
		// Spring may announce the end of one session more than once: only the first
		// counts.
		Long opened = this.openedAt.remove(event.getSessionId());
		if (opened != null) {
			this.duration.record(this.registry.config().clock().monotonicTime() - opened, TimeUnit.NANOSECONDS);
		}
	}

}
