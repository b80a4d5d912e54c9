package dev.wslab.kit.rabbitmq;

import java.time.Duration;

import dev.wslab.kit.infra.Docker;

/**
 * The RabbitMQ broker shared by every test in this JVM, started on first use and stopped
 * when the JVM exits.
 *
 * <p>
 * Providers are tried in this order: an external broker named by
 * {@code WSLAB_RABBITMQ_HOST}; Testcontainers when a Docker engine answers; a private
 * local node. If none can be had, the first use fails with the command that installs
 * RabbitMQ.
 */
public final class RabbitMq {

	private static volatile RabbitMqBroker shared;

	private RabbitMq() {
	}

	/**
	 * Returns the shared broker, starting it if this is the first call in the JVM.
	 * @return the running broker
	 */
	public static RabbitMqBroker shared() {
		RabbitMqBroker broker = shared;
		if (broker == null) {
			synchronized (RabbitMq.class) {
				broker = shared;
				if (broker == null) {
					broker = startFirstAvailable();
					shared = broker;
				}
			}
		}
		return broker;
	}

	/**
	 * Starts a private broker that belongs to the caller alone, for tests that stop or
	 * restart it. Never external, because stopping a shared workshop broker is not ours
	 * to do.
	 * @return a started local node or container; stop it with
	 * {@link #stop(RabbitMqBroker)}
	 */
	public static RabbitMqBroker startPrivate() {
		if (Docker.available()) {
			return new ContainerRabbitMq().start();
		}
		return new LocalRabbitMqNode().start(Duration.ofSeconds(90));
	}

	/**
	 * Stops a broker started by {@link #startPrivate()}.
	 * @param broker the broker to stop
	 */
	public static void stop(RabbitMqBroker broker) {
		if (broker instanceof LocalRabbitMqNode node) {
			node.stop();
		}
		else if (broker instanceof ContainerRabbitMq container) {
			container.stop();
		}
	}

	/**
	 * Says whether the kit can stop and start a broker again: one it started (a local
	 * node or a container), not an external one.
	 * @param broker any broker of the kit
	 * @return true for a broker {@link #stopKeepingData(RabbitMqBroker)} accepts
	 */
	public static boolean restartable(RabbitMqBroker broker) {
		return broker instanceof LocalRabbitMqNode || broker instanceof ContainerRabbitMq;
	}

	/**
	 * Stops a private broker and keeps what {@link #startAgain(RabbitMqBroker)} needs:
	 * its ports, node name and data (users, permissions, durable queues). For drills that
	 * watch what the relay and its clients do while RabbitMQ is down. The stop is
	 * RabbitMQ's own shutdown (SIGTERM for a process, {@code docker stop} for a
	 * container): it closes every client connection first. Transient queues, the
	 * exclusive and auto-deleted ones behind {@code /topic} and {@code /exchange}
	 * subscriptions, do not survive it.
	 * @param broker a broker started by {@link #startPrivate()}
	 */
	public static void stopKeepingData(RabbitMqBroker broker) {
		if (broker instanceof LocalRabbitMqNode node) {
			node.stop();
		}
		else if (broker instanceof ContainerRabbitMq container) {
			container.stopKeepingData();
		}
		else {
			throw new IllegalArgumentException("Not a broker the kit started: " + broker.description());
		}
	}

	/**
	 * Starts a broker stopped by {@link #stopKeepingData(RabbitMqBroker)} again, on the
	 * same ports with the same data, and waits until it answers a STOMP CONNECT.
	 * @param broker a broker started by {@link #startPrivate()}
	 */
	public static void startAgain(RabbitMqBroker broker) {
		if (broker instanceof LocalRabbitMqNode node) {
			node.start(Duration.ofSeconds(90));
		}
		else if (broker instanceof ContainerRabbitMq container) {
			container.startAgain();
		}
		else {
			throw new IllegalArgumentException("Not a broker the kit started: " + broker.description());
		}
	}

	private static RabbitMqBroker startFirstAvailable() {
		RabbitMqBroker external = ExternalRabbitMq.fromEnvironment(System.getenv()).orElse(null);
		if (external != null) {
			return external;
		}
		RabbitMqBroker broker = startPrivate();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(broker), "wslab-rabbitmq-stop"));
		return broker;
	}

}
