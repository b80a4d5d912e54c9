package dev.wslab.kit.rabbitmq;

import java.time.Duration;
import java.util.Map;

import dev.wslab.kit.infra.Containers;
import dev.wslab.kit.infra.FreePorts;
import dev.wslab.kit.infra.ProvenByUse;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * RabbitMQ in a container. Testcontainers 2's RabbitMQ module enables no plugins, so this
 * class installs an {@code enabled_plugins} file for {@code rabbitmq_stomp} and
 * {@code rabbitmq_web_stomp} and publishes their ports, 61613 and 15674, with AMQP's, on
 * 127.0.0.1.
 *
 * <p>
 * The image is {@code WSLAB_RABBITMQ_IMAGE}, by default the pinned upstream one.
 * Readiness is a STOMP CONNECT answered, not the upstream image's start-up log line,
 * which an image built from Debian's RabbitMQ 3.10 never prints.
 */
final class ContainerRabbitMq implements RabbitMqBroker {

	static final String IMAGE_VARIABLE = "WSLAB_RABBITMQ_IMAGE";

	static final DockerImageName IMAGE = Containers.image(IMAGE_VARIABLE, "rabbitmq:4.1.4");

	private final RabbitMQContainer container;

	ContainerRabbitMq() {
		this(null, null, null);
	}

	/**
	 * A node of a {@link ContainerRabbitMqCluster}: on its network, with a host name the
	 * other node resolves, so the node name {@code rabbit@<hostName>}, and the cluster's
	 * Erlang cookie, for the server and for {@code rabbitmqctl} alike. The cookie goes on
	 * the command line rather than into {@code .erlang.cookie}: a file copied into a
	 * container belongs to root, and the node runs as {@code rabbitmq}.
	 * @param network the cluster's network, or null for a standalone broker
	 * @param hostName the container's host name and network alias
	 * @param cookie the cluster's Erlang cookie
	 */
	ContainerRabbitMq(Network network, String hostName, String cookie) {
		this.container = Containers.onLoopback(new RabbitMQContainer(IMAGE),
				// Fixed host ports, not random ones: Docker gives a restarted container
				// new
				// random ports, and a relay reconnects to the host:port it was given.
				Map.of(AMQP_PORT, FreePorts.next(), STOMP_PORT, FreePorts.next(), WEB_STOMP_PORT, FreePorts.next()));
		this.container
			.withCopyToContainer(Transferable.of("[rabbitmq_stomp,rabbitmq_web_stomp].\n"),
					"/etc/rabbitmq/enabled_plugins")
			.waitingFor(new ProvenByUse("RabbitMQ answering a STOMP CONNECT", (target) -> StompPing
				.connects(target.getHost(), target.getMappedPort(STOMP_PORT), username(), password()))
				.withStartupTimeout(Duration.ofSeconds(120)));
		if (network != null) {
			this.container.withNetwork(network)
				.withNetworkAliases(hostName)
				.withCreateContainerCmdModifier((create) -> create.withHostName(hostName))
				.withEnv("RABBITMQ_NODENAME", "rabbit@" + hostName)
				.withEnv("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-setcookie " + cookie)
				.withEnv("RABBITMQ_CTL_ERL_ARGS", "-setcookie " + cookie);
		}
	}

	ContainerRabbitMq start() {
		Containers.start(this.container, IMAGE, IMAGE_VARIABLE, LocalRabbitMqNode.INSTALL);
		return this;
	}

	void stop() {
		this.container.stop();
	}

	/**
	 * Stops the container, not removes it: {@code docker stop} sends SIGTERM, RabbitMQ
	 * shuts down and closes its connections, and the container keeps its filesystem (the
	 * node's data under {@code /var/lib/rabbitmq}), its host name (so its node name) and
	 * its port bindings for {@link #startAgain()}.
	 */
	void stopKeepingData() {
		var docker = DockerClientFactory.instance().client();
		docker.stopContainerCmd(this.container.getContainerId()).withTimeout(30).exec();
	}

	/** Starts the container stopped by {@link #stopKeepingData()} again. */
	void startAgain() {
		var docker = DockerClientFactory.instance().client();
		docker.startContainerCmd(this.container.getContainerId()).exec();
		ProvenByUse.await("RabbitMQ answering a STOMP CONNECT after a restart", Duration.ofSeconds(120),
				() -> StompPing.connects(host(), stompPort(), username(), password()));
	}

	String containerId() {
		return this.container.getContainerId();
	}

	@Override
	public String rabbitmqctl(String... arguments) {
		String[] command = new String[arguments.length + 1];
		command[0] = "rabbitmqctl";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		try {
			var result = this.container.execInContainer(command);
			if (result.getExitCode() != 0) {
				throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed:\n"
						+ result.getStdout() + result.getStderr());
			}
			return result.getStdout();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
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
