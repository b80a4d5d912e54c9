package dev.wslab.production.limits;

import java.security.Principal;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Exercise 3.5: a per-user rate limit on inbound SENDs to {@code /app}, with Bucket4j.
 *
 * <p>
 * Give each user a token bucket of {@code limits.burst()} tokens, refilled at
 * {@code limits.messagesPerSecond()}. A SEND takes one token. Without one, drop the SEND
 * (return null) and tell its sender with {@code errors.tell(...)} and a
 * {@code ChatError} whose code is {@code rate-limited}; the session stays open.
 */
public class SendRateLimit implements ChannelInterceptor {

	private static final String APP = "/app/";

	private final LimitProperties limits;

	private final SenderErrors errors;

	SendRateLimit(LimitProperties limits, SenderErrors errors) {
		this.limits = limits;
		this.errors = errors;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() != StompCommand.SEND) {
			return message;
		}
		String destination = accessor.getDestination();
		Principal user = accessor.getUser();
		if (destination == null || !destination.startsWith(APP) || user == null) {
			return message;
		}
		throw new UnsupportedOperationException(
				"TODO(3.5): take a token from the user's Bucket4j bucket; without one, tell them 'rate-limited' on /user/queue/errors and drop the SEND");
	}

}
