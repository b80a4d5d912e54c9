package dev.wslab.kit.rabbitmq;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wslab.kit.infra.Binaries;
import dev.wslab.kit.infra.FreePorts;
import dev.wslab.kit.infra.InfrastructureUnavailableException;
import dev.wslab.kit.infra.LocalProcesses;

import static org.awaitility.Awaitility.await;

/**
 * Two {@link LocalClusterNode}s started side by side with one cookie and one epmd of
 * their own, then joined: on the second, {@code rabbitmqctl stop_app},
 * {@code join_cluster <first>}, {@code start_app}. The epmd runs as its own process, so
 * that stopping either node leaves the other reachable by its CLI.
 */
final class LocalRabbitMqCluster implements RabbitMqCluster {

	private static final Duration START = Duration.ofSeconds(90);

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final Pattern RUNNING = Pattern.compile("\"running_nodes\":\\[([^\\]]*)\\]");

	private final String epmdInstance;

	private final List<LocalClusterNode> nodes;

	private LocalRabbitMqCluster(String epmdInstance, List<LocalClusterNode> nodes) {
		this.epmdInstance = epmdInstance;
		this.nodes = nodes;
	}

	static LocalRabbitMqCluster start() {
		Binaries.require("rabbitmq-server", LocalRabbitMqNode.INSTALL,
				List.of("/usr/lib/rabbitmq/bin/rabbitmq-server", "rabbitmq-server"));
		String cluster = "rabbitcluster-" + COUNTER.incrementAndGet();
		String stem = "wslab-" + ProcessHandle.current().pid() + "-" + cluster;
		String cookie = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
		int epmdPort = FreePorts.next();
		String epmdInstance = cluster + "-epmd";
		startEpmd(epmdInstance, epmdPort);
		List<LocalClusterNode> nodes = List.of(
				new LocalClusterNode(cluster + "-a", stem + "-a@localhost", cookie, epmdPort),
				new LocalClusterNode(cluster + "-b", stem + "-b@localhost", cookie, epmdPort));
		LocalRabbitMqCluster started = new LocalRabbitMqCluster(epmdInstance, nodes);
		try {
			// Side by side: each node takes seconds to boot, and neither needs the other
			// yet.
			CompletableFuture<?> second = CompletableFuture.runAsync(() -> nodes.get(1).start(START));
			nodes.get(0).start(START);
			second.join();
			started.join(nodes.get(1), nodes.get(0));
			return started;
		}
		catch (RuntimeException ex) {
			started.close();
			throw (ex instanceof CompletionException && ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private void join(LocalClusterNode joining, LocalClusterNode first) {
		joining.rabbitmqctl("stop_app");
		joining.rabbitmqctl("join_cluster", first.nodeName());
		joining.rabbitmqctl("start_app");
		await("node " + joining.nodeName() + " answering STOMP CONNECT again after joining " + first.nodeName())
			.atMost(START)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> StompPing.connects(joining.host(), joining.stompPort(), joining.username(),
					joining.password()));
		List<String> running = runningNodes();
		if (!running.containsAll(List.of(first.nodeName(), joining.nodeName()))) {
			throw new InfrastructureUnavailableException(
					"The two RabbitMQ nodes did not form a cluster; running nodes: " + running);
		}
	}

	private static void startEpmd(String instance, int port) {
		Path epmd = Binaries.require("epmd", LocalRabbitMqNode.INSTALL,
				List.of("/usr/lib/erlang/bin/epmd", "epmd", "/opt/homebrew/bin/epmd"));
		Path dir = LocalProcesses.newStateDir(instance);
		// In the foreground (no -daemon), so that it is this instance's process to stop.
		ProcessBuilder builder = new ProcessBuilder(epmd.toString(), "-port", String.valueOf(port), "-address",
				"127.0.0.1");
		Process process = LocalProcesses.start(instance, builder, dir.resolve("epmd.out"));
		await("epmd listening on port " + port).atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				if (!process.isAlive()) {
					throw new InfrastructureUnavailableException("epmd exited; see " + dir.resolve("epmd.out"));
				}
				try (Socket socket = new Socket("127.0.0.1", port)) {
					return true;
				}
			});
	}

	@Override
	public List<RabbitMqBroker> nodes() {
		return List.copyOf(this.nodes);
	}

	@Override
	public void stopNode(int index) {
		this.nodes.get(index).stop();
	}

	@Override
	public String nodeName(int index) {
		return this.nodes.get(index).nodeName();
	}

	@Override
	public List<String> runningNodes() {
		LocalClusterNode up = this.nodes.stream()
			.filter(LocalClusterNode::isRunning)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no node of the cluster is running"));
		return runningNodesIn(up.rabbitmqctl("cluster_status", "--formatter", "json"));
	}

	/**
	 * Reads the running nodes out of {@code rabbitmqctl cluster_status --formatter json}.
	 * @param status its output
	 * @return the Erlang node names
	 */
	static List<String> runningNodesIn(String status) {
		Matcher matcher = RUNNING.matcher(status.replaceAll("\\s", ""));
		if (!matcher.find()) {
			throw new IllegalStateException("no running_nodes in cluster_status:\n" + status);
		}
		return Pattern.compile(",")
			.splitAsStream(matcher.group(1))
			.map((name) -> name.replace("\"", ""))
			.filter((name) -> !name.isEmpty())
			.toList();
	}

	@Override
	public void close() {
		this.nodes.forEach(LocalClusterNode::stop);
		LocalProcesses.stop(this.epmdInstance, Duration.ofSeconds(5));
	}

}
