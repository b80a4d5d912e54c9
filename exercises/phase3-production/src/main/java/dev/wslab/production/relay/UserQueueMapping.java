package dev.wslab.production.relay;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Exercise 3.2: user queues that RabbitMQ deletes when their session ends.
 *
 * <p>
 * Spring resolves {@code /user/queue/messages} to one destination per session,
 * {@code /queue/messages-user{sessionId}}. On RabbitMQ a {@code /queue/} destination is
 * a durable queue that outlives its subscriber. Rewrite such destinations on the broker
 * channel to {@code /exchange/amq.direct/messages-user{sessionId}}: an exclusive queue,
 * deleted with its subscription, and the same routing key for messages sent to it.
 */
public class UserQueueMapping implements ChannelInterceptor {

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		throw new UnsupportedOperationException(
				"TODO(3.2): rewrite /queue/{name} destinations to /exchange/amq.direct/{name} so user queues die with their session");
	}

}
