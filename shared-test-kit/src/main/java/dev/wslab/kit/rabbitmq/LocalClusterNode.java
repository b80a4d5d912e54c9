package dev.wslab.kit.rabbitmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.infra.Binaries;
import dev.wslab.kit.infra.FreePorts;
import dev.wslab.kit.infra.InfrastructureUnavailableException;
import dev.wslab.kit.infra.LocalProcesses;

import static org.awaitility.Awaitility.await;

/**
 * One node of a {@link LocalRabbitMqCluster}: a private RabbitMQ node run as a plain
 * process, like {@link LocalRabbitMqNode}, but with what clustering needs from outside:
 * the cluster's Erlang cookie (in {@code HOME/.erlang.cookie}, for the node and its CLI)
 * and the cluster's epmd port, where the nodes find each other's distribution ports.
 */
final class LocalClusterNode implements RabbitMqBroker {

	private final String instance;

	private final String nodeName;

	private final Path dir;

	private final int epmdPort;

	private final int amqpPort = FreePorts.next();

	private final int stompPort = FreePorts.next();

	private final int webStompPort = FreePorts.next();

	private final int distPort = FreePorts.next();

	LocalClusterNode(String instance, String nodeName, String cookie, int epmdPort) {
		this.instance = instance;
		this.nodeName = nodeName;
		this.epmdPort = epmdPort;
		this.dir = LocalProcesses.newStateDir(instance);
		try {
			Path cookieFile = this.dir.resolve(".erlang.cookie");
			Files.writeString(cookieFile, cookie);
			// Erlang refuses a cookie file others can read.
			Files.setPosixFilePermissions(cookieFile, PosixFilePermissions.fromString("r--------"));
			Files.writeString(this.dir.resolve("enabled_plugins"), "[rabbitmq_stomp,rabbitmq_web_stomp].\n");
			Files.writeString(this.dir.resolve("rabbitmq.conf"), """
					listeners.tcp.default = 127.0.0.1:%d
					stomp.listeners.tcp.1 = 127.0.0.1:%d
					web_stomp.tcp.ip = 127.0.0.1
					web_stomp.tcp.port = %d
					log.console = true
					log.console.level = warning
					log.file = false
					""".formatted(this.amqpPort, this.stompPort, this.webStompPort));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the node and waits until it answers a STOMP CONNECT. */
	LocalClusterNode start(Duration timeout) {
		Path server = Binaries.require("rabbitmq-server", LocalRabbitMqNode.INSTALL,
				List.of("/usr/lib/rabbitmq/bin/rabbitmq-server", "rabbitmq-server"));
		ProcessBuilder builder = new ProcessBuilder(server.toString()).directory(this.dir.toFile());
		Map<String, String> env = builder.environment();
		env.remove("RABBITMQ_ALLOW_INPUT");
		environment(env);
		env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
		env.put("RABBITMQ_NODE_PORT", String.valueOf(this.amqpPort));
		env.put("RABBITMQ_DIST_PORT", String.valueOf(this.distPort));
		env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
		env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
		env.put("RABBITMQ_CONFIG_FILE", this.dir.resolve("rabbitmq.conf").toString());
		env.put("RABBITMQ_MNESIA_BASE", this.dir.resolve("mnesia").toString());
		env.put("RABBITMQ_LOG_BASE", this.dir.resolve("log").toString());
		env.put("RABBITMQ_PLUGINS_EXPAND_DIR", this.dir.resolve("plugins-expand").toString());
		env.put("RABBITMQ_PID_FILE", this.dir.resolve("rabbitmq.pid").toString());
		Process process = LocalProcesses.start(this.instance, builder, log());
		try {
			await("RabbitMQ node " + this.nodeName + " answering STOMP CONNECT on port " + this.stompPort)
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException("exited");
					}
					return StompPing.connects(host(), this.stompPort, username(), password());
				});
		}
		catch (RuntimeException ex) {
			String tail = logTail();
			stop();
			throw new InfrastructureUnavailableException("The cluster's RabbitMQ node " + this.nodeName
					+ " did not start within " + timeout + ". Its log ends with:\n" + tail, ex);
		}
		return this;
	}

	/** Stops the node's processes: SIGTERM, then SIGKILL after the grace period. */
	void stop() {
		LocalProcesses.stop(this.instance, Duration.ofSeconds(15));
	}

	boolean isRunning() {
		return LocalProcesses.processesOf(this.instance).stream().anyMatch(ProcessHandle::isAlive);
	}

	String nodeName() {
		return this.nodeName;
	}

	@Override
	public String rabbitmqctl(String... arguments) {
		Path ctl = Binaries.require("rabbitmqctl", LocalRabbitMqNode.INSTALL,
				List.of("/usr/lib/rabbitmq/bin/rabbitmqctl", "rabbitmqctl"));
		List<String> command = new ArrayList<>(List.of(ctl.toString(), "-n", this.nodeName));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile()).redirectErrorStream(true);
		// The CLI is an Erlang node too: it needs the cluster's cookie (in HOME) and
		// epmd.
		environment(builder.environment());
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(
						"rabbitmqctl -n " + this.nodeName + " " + String.join(" ", arguments) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void environment(Map<String, String> env) {
		env.put("HOME", this.dir.toString());
		env.put("RABBITMQ_NODENAME", this.nodeName);
		env.put("ERL_EPMD_PORT", String.valueOf(this.epmdPort));
		env.put("RABBITMQ_ENABLED_PLUGINS_FILE", this.dir.resolve("enabled_plugins").toString());
	}

	Path log() {
		return this.dir.resolve("rabbitmq.out");
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(log());
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int stompPort() {
		return this.stompPort;
	}

	@Override
	public String webStompUrl() {
		return "ws://127.0.0.1:" + this.webStompPort + "/ws";
	}

	@Override
	public int amqpPort() {
		return this.amqpPort;
	}

	@Override
	public String username() {
		return "guest";
	}

	@Override
	public String password() {
		return "guest";
	}

	@Override
	public String virtualHost() {
		return "/";
	}

	@Override
	public String description() {
		return "local process rabbitmq-server, cluster node " + this.nodeName + ", state in " + this.dir;
	}

}
