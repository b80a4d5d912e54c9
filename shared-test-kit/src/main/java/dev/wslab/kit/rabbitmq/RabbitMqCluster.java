package dev.wslab.kit.rabbitmq;

import java.util.List;
import java.util.stream.Collectors;

import dev.wslab.kit.infra.Docker;
import dev.wslab.kit.infra.InfrastructureUnavailableException;

/**
 * A private two-node RabbitMQ cluster with the STOMP plugin, for drills that lose a node:
 * two nodes joined with {@code rabbitmqctl join_cluster}, each with its own listeners,
 * sharing users, exchanges and bindings.
 *
 * <p>
 * Two providers: with {@code WSLAB_INFRA=docker}, or when a Docker engine answers, two
 * containers on one Docker network ({@link ContainerRabbitMqCluster}); otherwise two
 * plain {@code rabbitmq-server} processes with one Erlang cookie and one epmd
 * ({@link LocalRabbitMqCluster}).
 */
public interface RabbitMqCluster extends AutoCloseable {

	/**
	 * Starts a two-node cluster that belongs to the caller; close it when done.
	 * @return the running, joined cluster
	 * @throws InfrastructureUnavailableException if {@code rabbitmq-server} is missing
	 * (with the command that installs it), or the containers' image cannot be had
	 */
	static RabbitMqCluster startPrivate() {
		if (Docker.available()) {
			return ContainerRabbitMqCluster.start();
		}
		return LocalRabbitMqCluster.start();
	}

	/**
	 * Returns the nodes, in start order; the first is the one the others joined.
	 * @return the nodes, running or stopped
	 */
	List<RabbitMqBroker> nodes();

	/**
	 * Returns one node.
	 * @param index from 0
	 * @return the node
	 */
	default RabbitMqBroker node(int index) {
		return nodes().get(index);
	}

	/**
	 * Stops one node as its operator would lose it: SIGTERM to its processes, SIGKILL
	 * after a grace period. The other node stays up and keeps the cluster's metadata.
	 * @param index the node, from 0
	 */
	void stopNode(int index);

	/**
	 * Lists the nodes the cluster itself says are running, asked of a node that is up.
	 * @return Erlang node names such as {@code wslab-123-a@localhost}
	 */
	List<String> runningNodes();

	/**
	 * Returns the Erlang node name of one node.
	 * @param index from 0
	 * @return such as {@code wslab-123-a@localhost}
	 */
	String nodeName(int index);

	/**
	 * Returns every node's STOMP address, as a relay's address list takes it.
	 * @return such as {@code 127.0.0.1:40001,127.0.0.1:40007}
	 */
	default String stompAddresses() {
		return nodes().stream().map((node) -> node.host() + ":" + node.stompPort()).collect(Collectors.joining(","));
	}

	/**
	 * Creates a user, or resets its password, on the whole cluster (users are cluster
	 * metadata, kept by every node).
	 * @param user the user name
	 * @param password the password
	 */
	default void addUser(String user, String password) {
		node(0).addUser(user, password);
	}

	/** Stops every node and the cluster's epmd. */
	@Override
	void close();

}
