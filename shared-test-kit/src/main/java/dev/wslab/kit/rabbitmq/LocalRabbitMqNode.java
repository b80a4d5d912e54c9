package dev.wslab.kit.rabbitmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wslab.kit.infra.Binaries;
import dev.wslab.kit.infra.FreePorts;
import dev.wslab.kit.infra.InfrastructureUnavailableException;
import dev.wslab.kit.infra.LocalProcesses;

import static org.awaitility.Awaitility.await;

/**
 * A private RabbitMQ node run as a plain process: its own node name, data directory,
 * Erlang cookie, epmd port, distribution port, STOMP and Web-STOMP listeners, all bound
 * to 127.0.0.1.
 *
 * <p>
 * {@code RABBITMQ_ALLOW_INPUT} is deliberately left unset: any value starts an
 * interactive shell, and the node would exit when its standard input closes.
 */
final class LocalRabbitMqNode implements RabbitMqBroker {

	static final String INSTALL = "sudo apt-get install -y rabbitmq-server   (macOS: brew install rabbitmq)";

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final String instance = "rabbitmq-" + COUNTER.incrementAndGet();

	private final Path dir;

	private final int amqpPort = FreePorts.next();

	private final int stompPort = FreePorts.next();

	private final int webStompPort = FreePorts.next();

	private final int distPort = FreePorts.next();

	private final int epmdPort = FreePorts.next();

	private final String nodeName;

	private Process process;

	LocalRabbitMqNode() {
		this.dir = LocalProcesses.newStateDir(this.instance);
		this.nodeName = "wslab-" + ProcessHandle.current().pid() + "-" + this.instance + "@localhost";
	}

	LocalRabbitMqNode start(Duration timeout) {
		// Debian's /usr/sbin wrapper re-executes as the rabbitmq user through su, which
		// drops our
		// environment; the script under /usr/lib runs the node as the current user.
		Path server = Binaries.require("rabbitmq-server", INSTALL,
				List.of("/usr/lib/rabbitmq/bin/rabbitmq-server", "rabbitmq-server"));
		try {
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
		ProcessBuilder builder = new ProcessBuilder(server.toString()).directory(this.dir.toFile());
		Map<String, String> env = builder.environment();
		env.remove("RABBITMQ_ALLOW_INPUT");
		env.put("HOME", this.dir.toString());
		env.put("RABBITMQ_NODENAME", this.nodeName);
		env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
		env.put("RABBITMQ_NODE_PORT", String.valueOf(this.amqpPort));
		env.put("RABBITMQ_DIST_PORT", String.valueOf(this.distPort));
		env.put("ERL_EPMD_PORT", String.valueOf(this.epmdPort));
		env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
		env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
		env.put("RABBITMQ_CONFIG_FILE", this.dir.resolve("rabbitmq.conf").toString());
		env.put("RABBITMQ_ENABLED_PLUGINS_FILE", this.dir.resolve("enabled_plugins").toString());
		env.put("RABBITMQ_MNESIA_BASE", this.dir.resolve("mnesia").toString());
		env.put("RABBITMQ_LOG_BASE", this.dir.resolve("log").toString());
		env.put("RABBITMQ_PLUGINS_EXPAND_DIR", this.dir.resolve("plugins-expand").toString());
		env.put("RABBITMQ_PID_FILE", this.dir.resolve("rabbitmq.pid").toString());
		this.process = LocalProcesses.start(this.instance, builder, log());
		try {
			await("RabbitMQ node " + this.nodeName + " answering STOMP CONNECT on port " + this.stompPort)
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("exited");
					}
					return StompPing.connects(host(), this.stompPort, username(), password());
				});
		}
		catch (RuntimeException ex) {
			String tail = logTail();
			stop();
			throw new InfrastructureUnavailableException(
					"The local RabbitMQ node did not start within " + timeout + ". Its log ends with:\n" + tail, ex);
		}
		return this;
	}

	void stop() {
		LocalProcesses.stop(this.instance, Duration.ofSeconds(15));
		// Where there is no /proc (macOS), epmd, which daemonizes, is not found by its
		// tag: ask it to go.
		Binaries.find(List.of("epmd", "/usr/lib/erlang/bin/epmd", "/opt/homebrew/bin/epmd")).ifPresent((epmd) -> {
			try {
				new ProcessBuilder(epmd.toString(), "-port", String.valueOf(this.epmdPort), "-kill")
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start()
					.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (IOException ex) {
				// Already gone, or not ours to stop.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	@Override
	public String rabbitmqctl(String... arguments) {
		Path ctl = Binaries.require("rabbitmqctl", INSTALL,
				List.of("/usr/lib/rabbitmq/bin/rabbitmqctl", "rabbitmqctl"));
		List<String> command = new java.util.ArrayList<>(List.of(ctl.toString(), "-n", this.nodeName));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile()).redirectErrorStream(true);
		// The CLI is an Erlang node too: it needs this node's cookie (in HOME) and epmd.
		builder.environment().put("HOME", this.dir.toString());
		builder.environment().put("ERL_EPMD_PORT", String.valueOf(this.epmdPort));
		builder.environment().put("RABBITMQ_ENABLED_PLUGINS_FILE", this.dir.resolve("enabled_plugins").toString());
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed:\n" + output);
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

	Path log() {
		return this.dir.resolve("rabbitmq.out");
	}

	List<ProcessHandle> processes() {
		return LocalProcesses.processesOf(this.instance);
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
		return "local process rabbitmq-server, node " + this.nodeName + ", state in " + this.dir;
	}

}
