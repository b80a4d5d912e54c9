package dev.wslab.kit.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.wslab.kit.infra.Binaries;
import dev.wslab.kit.infra.FreePorts;
import dev.wslab.kit.infra.InfrastructureUnavailableException;
import dev.wslab.kit.infra.LocalProcesses;

import static org.awaitility.Awaitility.await;

/**
 * Nginx as a plain process with its own prefix: configuration, pid file, logs and temp
 * paths all live in a private state directory, and it listens on a free loopback port.
 */
final class LocalNginx implements NginxProxy {

	static final String INSTALL = "sudo apt-get install -y nginx   (macOS: brew install nginx)";

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final String instance = "nginx-" + COUNTER.incrementAndGet();

	private final Path prefix;

	private final int port;

	private final Path executable;

	private Process process;

	LocalNginx() {
		this(FreePorts.next());
	}

	/**
	 * Prepares an Nginx that will listen on a chosen loopback port.
	 * @param port the port
	 */
	LocalNginx(int port) {
		this.port = port;
		this.executable = Binaries.require("nginx", INSTALL, List.of("nginx", "/usr/sbin/nginx"));
		this.prefix = LocalProcesses.newStateDir(this.instance);
	}

	LocalNginx start(NginxConfig config) {
		try {
			Files.createDirectories(this.prefix.resolve("logs"));
			Files.createDirectories(this.prefix.resolve("temp"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		writeAndTest(config);
		ProcessBuilder builder = new ProcessBuilder(command("-g", "daemon off;"));
		this.process = LocalProcesses.start(this.instance, builder, this.prefix.resolve("logs/stdout.log"));
		try {
			await("nginx listening on 127.0.0.1:" + this.port).atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(this::listening);
		}
		catch (RuntimeException ex) {
			String logs = logs();
			stop();
			throw new InfrastructureUnavailableException("nginx did not start. Its log:\n" + logs, ex);
		}
		return this;
	}

	@Override
	public void reload(NginxConfig config) {
		Set<Long> oldWorkers = workers();
		writeAndTest(config);
		run(command("-s", "reload"));
		// New workers start once the master loaded the new configuration; old ones stop
		// accepting and
		// retitle themselves "is shutting down", lingering while they still carry
		// connections, which
		// is the point of a reload. Only then does every new connection meet the new
		// configuration.
		await("nginx workers switched to the new configuration").atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> {
				Set<Long> now = workers();
				return now.stream().anyMatch((pid) -> !oldWorkers.contains(pid)) && now.stream()
					.filter(oldWorkers::contains)
					.allMatch((pid) -> title(pid).contains("shutting down"));
			});
	}

	@Override
	public String logs() {
		StringBuilder text = new StringBuilder();
		for (String name : List.of("error.log", "access.log", "stdout.log")) {
			Path file = this.prefix.resolve("logs").resolve(name);
			try {
				if (Files.exists(file)) {
					text.append("--- ").append(name).append('\n').append(Files.readString(file));
				}
			}
			catch (IOException ex) {
				text.append("--- ").append(name).append(": ").append(ex.getMessage()).append('\n');
			}
		}
		return text.toString();
	}

	@Override
	public void stop() {
		LocalProcesses.stop(this.instance, Duration.ofSeconds(5));
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String description() {
		return "local process " + this.executable + " -p " + this.prefix;
	}

	List<ProcessHandle> processes() {
		return LocalProcesses.processesOf(this.instance);
	}

	private void writeAndTest(NginxConfig config) {
		// Workers of a root master switch to an unprivileged user that could not write
		// our temp paths.
		String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
		String main = user + """
				worker_processes 1;
				pid logs/nginx.pid;
				events { worker_connections 4096; }
				http {
				  access_log logs/access.log;
				  client_body_temp_path temp/client_body;
				  proxy_temp_path temp/proxy;
				  fastcgi_temp_path temp/fastcgi;
				  uwsgi_temp_path temp/uwsgi;
				  scgi_temp_path temp/scgi;
				%s
				}
				""".formatted(config.render("127.0.0.1:" + this.port, "127.0.0.1"));
		try {
			Files.writeString(this.prefix.resolve("nginx.conf"), main);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		run(command("-t", "-q"));
	}

	private List<String> command(String... extra) {
		List<String> command = new ArrayList<>(List.of(this.executable.toString(), "-p", this.prefix + "/", "-c",
				"nginx.conf", "-e", "logs/error.log"));
		command.addAll(List.of(extra));
		return command;
	}

	private void run(List<String> command) {
		try {
			Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!check.waitFor(10, TimeUnit.SECONDS) || check.exitValue() != 0) {
				throw new IllegalStateException("nginx rejected the command " + command + ":\n" + output
						+ "\nConfiguration:\n" + Files.readString(this.prefix.resolve("nginx.conf")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Set<Long> workers() {
		return this.process.toHandle().children().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

	private static String title(long pid) {
		try {
			return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
		}
		catch (IOException ex) {
			return "shutting down (gone)";
		}
	}

	private boolean listening() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("nginx exited with " + this.process.exitValue());
		}
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
