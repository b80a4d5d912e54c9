package dev.wslab.kit.rabbitmq;

import org.testcontainers.images.builder.Transferable;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * RabbitMQ in a container. Testcontainers 2's RabbitMQ module enables no plugins, so this
 * class installs an {@code enabled_plugins} file for {@code rabbitmq_stomp} and
 * {@code rabbitmq_web_stomp} and exposes their ports, 61613 and 15674.
 */
final class ContainerRabbitMq implements RabbitMqBroker {

	static final DockerImageName IMAGE = DockerImageName.parse("rabbitmq:4.1.4");

	private final RabbitMQContainer container;

	ContainerRabbitMq() {
		this.container = new RabbitMQContainer(IMAGE).withCopyToContainer(
				Transferable.of("[rabbitmq_stomp,rabbitmq_web_stomp].\n"), "/etc/rabbitmq/enabled_plugins");
		this.container.addExposedPorts(STOMP_PORT, WEB_STOMP_PORT);
	}

	ContainerRabbitMq start() {
		this.container.start();
		return this;
	}

	void stop() {
		this.container.stop();
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int stompPort() {
		return this.container.getMappedPort(STOMP_PORT);
	}

	@Override
	public String webStompUrl() {
		return "ws://" + host() + ":" + this.container.getMappedPort(WEB_STOMP_PORT) + "/ws";
	}

	@Override
	public int amqpPort() {
		return this.container.getAmqpPort();
	}

	@Override
	public String username() {
		return this.container.getAdminUsername();
	}

	@Override
	public String password() {
		return this.container.getAdminPassword();
	}

	@Override
	public String virtualHost() {
		return "/";
	}

	@Override
	public String description() {
		return "Testcontainers " + IMAGE.asCanonicalNameString();
	}

}
