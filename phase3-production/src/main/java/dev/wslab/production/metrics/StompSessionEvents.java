package dev.wslab.production.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Hands Spring's STOMP session events to {@link StompSessionMeters} (exercise 3.13): the
 * CONNECTED frame sent to a client, and the end of its session. Scaffolding. A meter that
 * fails is logged and never breaks the chat: the other listeners of the same event
 * (presence, the relay's orphans) still run.
 */
@Component
class StompSessionEvents {

	private static final Log logger = LogFactory.getLog(StompSessionEvents.class);

	private final StompSessionMeters meters;

	StompSessionEvents(MeterRegistry registry) {
		this.meters = new StompSessionMeters(registry);
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		String session = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
		if (session == null) {
			return;
		}
		try {
			this.meters.opened(session);
		}
		catch (RuntimeException ex) {
			logger.error("The STOMP session meters failed on session " + session + "'s CONNECTED", ex);
		}
	}

	@EventListener
	void ended(SessionDisconnectEvent event) {
		try {
			this.meters.ended(event.getSessionId());
		}
		catch (RuntimeException ex) {
			logger.error("The STOMP session meters failed on the end of session " + event.getSessionId(), ex);
		}
	}

}
