package dev.wslab.production.relay;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.wslab.production.drain.DrainingShutdown;
import dev.wslab.production.drain.LiveSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * When the relay loses its system session to a broker node, asks every client of this
 * instance to reconnect ({@code wslab.relay.restart-clients-on-broker-loss}).
 *
 * <p>
 * Why: the chat's own messages (a room post, a private message) leave through the relay's
 * system session. While it is down, between the node's loss and the relay's next attempt
 * on another node (Spring retries every 5 s), they are kept in Redis, logged first, but
 * never broadcast. A client whose own relay session was on the surviving node stays
 * connected and would never see them. Asked to move, with the drain's ERROR
 * {@code message:server-restart} and close code 1012 (exercise 3.11), it reconnects, and
 * its subscriptions renewed with {@code since} replay what it missed from Redis.
 */
@Component
@ConditionalOnBooleanProperty("wslab.relay.restart-clients-on-broker-loss")
class ClientsFollowTheRelay {

	private static final Logger logger = LoggerFactory.getLogger(ClientsFollowTheRelay.class);

	private final LiveSessions sessions;

	private final MessageChannel clientOutboundChannel;

	private final AtomicBoolean wasAvailable = new AtomicBoolean();

	private volatile boolean closing;

	ClientsFollowTheRelay(LiveSessions sessions,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		this.sessions = sessions;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@EventListener
	void closing(ContextClosedEvent event) {
		this.closing = true;
	}

	@EventListener
	void changed(BrokerAvailabilityEvent event) {
		if (event.isBrokerAvailable()) {
			this.wasAvailable.set(true);
			return;
		}
		// Only a loss: not the relay's start, nor its stop with the instance.
		if (!this.wasAvailable.getAndSet(false) || this.closing) {
			return;
		}
		int asked = 0;
		for (String sessionId : this.sessions.ids()) {
			if (this.sessions.closeWith(sessionId, DrainingShutdown.SERVICE_RESTART)) {
				this.clientOutboundChannel.send(restart(sessionId));
				asked++;
			}
		}
		logger.warn("The relay lost its broker; asked {} client sessions to reconnect", asked);
	}

	private static org.springframework.messaging.Message<byte[]> restart(String sessionId) {
		// STOMP 1.2: the server closes the connection after an ERROR; Spring does it,
		// with the code set by closeWith.
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(DrainingShutdown.SERVER_RESTART);
		error.setSessionId(sessionId);
		error.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], error.getMessageHeaders());
	}

}
