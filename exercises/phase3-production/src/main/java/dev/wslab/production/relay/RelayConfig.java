package dev.wslab.production.relay;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Exercise 3.1: the chat's broker becomes RabbitMQ, through Spring's STOMP broker relay.
 *
 * <p>
 * The endpoints are registered for you ({@code ChatEndpoints}); you configure the broker
 * side: {@code /app}, {@code /user} and publish order as in Phase 2 (the replays of
 * exercise 3.3 rely on it), and a relay to RabbitMQ for
 * {@code /topic} (rooms, presence) and {@code /exchange} (user queues, exercise 3.2). It
 * logs in as {@code broker.login()}, never guest, names the virtual host, keeps
 * heartbeats with the broker and uses {@code heartbeats} for the client sessions, and
 * broadcasts unresolved user messages and the user registry on
 * {@link #UNRESOLVED_USER} and {@link #USER_REGISTRY}. Finish by adding a
 * {@link UserQueueMapping} to the broker channel.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class RelayConfig implements WebSocketMessageBrokerConfigurer {

	/** Where an instance sends a user message it cannot deliver itself. */
	public static final String UNRESOLVED_USER = "/topic/cluster.unresolved-user";

	/** Where each instance broadcasts its users and their sessions. */
	public static final String USER_REGISTRY = "/topic/cluster.user-registry";

	private final RelayProperties broker;

	private final TaskScheduler heartbeats;

	RelayConfig(RelayProperties broker, @Qualifier("relayHeartbeats") TaskScheduler heartbeats) {
		this.broker = broker;
		this.heartbeats = heartbeats;
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		throw new UnsupportedOperationException(
				"TODO(3.1): enableStompBrokerRelay(\"/topic\", \"/exchange\") to RabbitMQ with the chat's own login, heartbeats, user broadcasts and publish order");
	}

}
