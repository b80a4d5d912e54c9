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
 * <ul>
 * <li>{@code /topic} goes to RabbitMQ's {@code amq.topic} exchange: every subscription
 * gets its own exclusive, auto-deleted queue, so a room message reaches every subscriber
 * on every instance. {@code /exchange} carries the per-session user queues (exercise
 * 3.2). {@code /queue} is left out on purpose: on RabbitMQ it declares a durable queue
 * that nobody deletes, and nothing in the chat needs one.</li>
 * <li>The relay logs in with the chat's own broker user, for its system session and for
 * every client session.</li>
 * <li>Heartbeats on the system session, and a scheduler for the client sessions: a
 * client that only ever SENDs to {@code /app} sends nothing to the broker, and without
 * the relay's own heartbeats for it, RabbitMQ would close it for silence.</li>
 * <li>User destinations across instances: a message to a user whose sessions live on
 * another instance is broadcast for that instance to deliver, and each instance
 * broadcasts its users, so every instance knows every session.</li>
 * </ul>
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
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		registry.setPreservePublishOrder(true);
		registry.enableStompBrokerRelay("/topic", "/exchange")
			.setRelayHost(this.broker.host())
			.setRelayPort(this.broker.stompPort())
			.setVirtualHost(this.broker.virtualHost())
			.setSystemLogin(this.broker.login())
			.setSystemPasscode(this.broker.passcode())
			.setClientLogin(this.broker.login())
			.setClientPasscode(this.broker.passcode())
			.setSystemHeartbeatSendInterval(this.broker.heartbeatMillis())
			.setSystemHeartbeatReceiveInterval(this.broker.heartbeatMillis())
			.setTaskScheduler(this.heartbeats)
			.setUserDestinationBroadcast(UNRESOLVED_USER)
			.setUserRegistryBroadcast(USER_REGISTRY);
		registry.configureBrokerChannel().interceptors(new UserQueueMapping());
	}

}
