package dev.wslab.kit.rabbitmq;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wslab.kit.infra.InfrastructureUnavailableException;
import org.testcontainers.containers.Network;

import static org.awaitility.Awaitility.await;

/**
 * Two {@link ContainerRabbitMq} nodes on a Docker network of their own, with one Erlang
 * cookie, joined as {@link LocalRabbitMqCluster} joins its processes: on the second,
 * {@code rabbitmqctl stop_app}, {@code join_cluster rabbit@<first>}, {@code start_app}.
 * Each node's host name is its network alias, which Docker's DNS resolves for the other.
 * Stopping a node is {@code docker stop}: SIGTERM, RabbitMQ's own shutdown.
 */
final class ContainerRabbitMqCluster implements RabbitMqCluster {

	private static final Duration START = Duration.ofSeconds(120);

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final Network network;

	private final List<String> hostNames;

	private final List<ContainerRabbitMq> nodes;

	private final Set<Integer> stopped = ConcurrentHashMap.newKeySet();

	private ContainerRabbitMqCluster(Network network, List<String> hostNames, List<ContainerRabbitMq> nodes) {
		this.network = network;
		this.hostNames = hostNames;
		this.nodes = nodes;
	}

	static ContainerRabbitMqCluster start() {
		String stem = "wslab-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
		String cookie = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
		Network network = Network.newNetwork();
		List<String> hostNames = List.of(stem + "-a", stem + "-b");
		List<ContainerRabbitMq> nodes = hostNames.stream()
			.map((hostName) -> new ContainerRabbitMq(network, hostName, cookie))
			.toList();
		ContainerRabbitMqCluster started = new ContainerRabbitMqCluster(network, hostNames, nodes);
		try {
			CompletableFuture<?> second = CompletableFuture.runAsync(nodes.get(1)::start);
			nodes.get(0).start();
			second.join();
			started.join();
			return started;
		}
		catch (RuntimeException ex) {
			started.close();
			throw (ex instanceof CompletionException && ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private void join() {
		ContainerRabbitMq joining = this.nodes.get(1);
		joining.rabbitmqctl("stop_app");
		joining.rabbitmqctl("join_cluster", nodeName(0));
		joining.rabbitmqctl("start_app");
		await("node " + nodeName(1) + " answering STOMP CONNECT again after joining " + nodeName(0)).atMost(START)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> StompPing.connects(joining.host(), joining.stompPort(), joining.username(),
					joining.password()));
		List<String> running = runningNodes();
		if (!running.containsAll(List.of(nodeName(0), nodeName(1)))) {
			throw new InfrastructureUnavailableException(
					"The two RabbitMQ containers did not form a cluster; running nodes: " + running);
		}
	}

	@Override
	public List<RabbitMqBroker> nodes() {
		return List.copyOf(this.nodes);
	}

	@Override
	public void stopNode(int index) {
		this.nodes.get(index).stopKeepingData();
		this.stopped.add(index);
	}

	@Override
	public String nodeName(int index) {
		return "rabbit@" + this.hostNames.get(index);
	}

	@Override
	public List<String> runningNodes() {
		for (int i = 0; i < this.nodes.size(); i++) {
			if (!this.stopped.contains(i)) {
				return LocalRabbitMqCluster
					.runningNodesIn(this.nodes.get(i).rabbitmqctl("cluster_status", "--formatter", "json"));
			}
		}
		throw new IllegalStateException("no node of the cluster is running");
	}

	@Override
	public void close() {
		this.nodes.forEach(ContainerRabbitMq::stop);
		this.network.close();
	}

}
