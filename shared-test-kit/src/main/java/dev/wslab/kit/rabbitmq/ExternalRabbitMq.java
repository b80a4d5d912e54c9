package dev.wslab.kit.rabbitmq;

import java.util.Map;
import java.util.Optional;

/**
 * A broker someone else runs, named by environment variables: how a workshop points every
 * participant at one shared RabbitMQ.
 */
record ExternalRabbitMq(String host, int stompPort, int amqpPort, int webStompPort, String username, String password,
		String virtualHost) implements RabbitMqBroker {

	static final String HOST = "WSLAB_RABBITMQ_HOST";

	static Optional<RabbitMqBroker> fromEnvironment(Map<String, String> env) {
		String host = env.get(HOST);
		if (host == null || host.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new ExternalRabbitMq(host,
				Integer.parseInt(env.getOrDefault("WSLAB_RABBITMQ_STOMP_PORT", String.valueOf(STOMP_PORT))),
				Integer.parseInt(env.getOrDefault("WSLAB_RABBITMQ_AMQP_PORT", String.valueOf(AMQP_PORT))),
				Integer.parseInt(env.getOrDefault("WSLAB_RABBITMQ_WEB_STOMP_PORT", String.valueOf(WEB_STOMP_PORT))),
				env.getOrDefault("WSLAB_RABBITMQ_USERNAME", "guest"),
				env.getOrDefault("WSLAB_RABBITMQ_PASSWORD", "guest"), env.getOrDefault("WSLAB_RABBITMQ_VHOST", "/")));
	}

	@Override
	public String webStompUrl() {
		return "ws://" + this.host + ":" + this.webStompPort + "/ws";
	}

	@Override
	public String description() {
		return "external broker " + host + ":" + stompPort + " (from " + HOST + ")";
	}

}
