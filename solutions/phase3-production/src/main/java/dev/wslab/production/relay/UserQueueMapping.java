package dev.wslab.production.relay;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Exercise 3.2: user queues that RabbitMQ deletes when their session ends.
 *
 * <p>
 * Spring resolves {@code /user/queue/messages} to one destination per session,
 * {@code /queue/messages-user{sessionId}}. On RabbitMQ a {@code /queue/} destination is
 * a durable, shared queue that outlives its subscriber: one such queue is left behind
 * for every session that ever subscribed. Rewritten to
 * {@code /exchange/amq.direct/messages-user{sessionId}}, the subscription gets an
 * exclusive, auto-deleted queue bound to {@code amq.direct}, and a message sent to it is
 * routed by that same key. The client still subscribes to {@code /user/queue/messages},
 * so the chat's contract does not change.
 */
public class UserQueueMapping implements ChannelInterceptor {

	private static final String QUEUE = "/queue/";

	private static final String DIRECT_EXCHANGE = "/exchange/amq.direct/";

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		if (destination == null || !destination.startsWith(QUEUE)) {
			return message;
		}
		// Every /queue destination on the broker channel is a resolved user destination:
		// the message rules (2.8) let no client use /queue directly. A copy of the
		// headers, of the same kind: for a client's SUBSCRIBE that is a STOMP accessor,
		// whose setDestination also rewrites the native header the relay sends.
		SimpMessageHeaderAccessor accessor = (SimpMessageHeaderAccessor) MessageHeaderAccessor
			.getMutableAccessor(message);
		accessor.setDestination(DIRECT_EXCHANGE + destination.substring(QUEUE.length()));
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

}
