package dev.wslab.production.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Closes the broker connection of a client session that ended before the broker answered
 * its CONNECT.
 *
 * <p>
 * The relay opens one broker connection per client session. When the session ends, it
 * forwards a DISCONNECT; but a DISCONNECT that arrives before the broker's CONNECTED is
 * dropped ("TCP connection closed already, ignoring"), and the connection the broker then
 * completes belongs to nobody. It stays open for good: measured, a socket that sends
 * CONNECT twice (refused with an ERROR, then closed) left one such connection on RabbitMQ
 * most of the time. So this remembers sessions that ended, and when a CONNECTED for one
 * of them comes back from the broker, it sends the relay that session's DISCONNECT again,
 * now that there is a connection to close.
 */
@Component
class RelayOrphans implements ChannelInterceptor {

	private static final Duration REMEMBER = Duration.ofMinutes(1);

	private final Map<String, Instant> ended = new ConcurrentHashMap<>();

	private final MessageChannel brokerChannel;

	private final Clock clock;

	RelayOrphans(@Lazy @Qualifier("brokerChannel") MessageChannel brokerChannel, Clock clock) {
		this.brokerChannel = brokerChannel;
		this.clock = clock;
	}

	@EventListener
	void sessionEnded(SessionDisconnectEvent event) {
		Instant now = this.clock.instant();
		this.ended.values().removeIf((when) -> when.isBefore(now.minus(REMEMBER)));
		this.ended.put(event.getSessionId(), now);
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
		String sessionId = accessor.getSessionId();
		if (accessor.getCommand() == StompCommand.CONNECTED && sessionId != null
				&& this.ended.remove(sessionId) != null) {
			// As Spring makes it when a session ends: a STOMP DISCONNECT with the session
			// id.
			StompHeaderAccessor disconnect = StompHeaderAccessor.create(StompCommand.DISCONNECT);
			disconnect.setSessionId(sessionId);
			this.brokerChannel.send(MessageBuilder.createMessage(new byte[0], disconnect.getMessageHeaders()));
		}
		return message;
	}

}
