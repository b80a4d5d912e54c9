package dev.wslab.production.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.infra.LocalProcesses;

import static org.awaitility.Awaitility.await;

/**
 * An instance of the cluster chat in a JVM of its own, so that a drill can do to it what
 * an operating system does to a crashed server: {@link #kill()} sends SIGKILL
 * ({@link Process#destroyForcibly()} on Linux), and nothing in the instance runs after
 * it: no shutdown hook, no Spring lifecycle, no close frame. Started by
 * {@link ChatCluster#startProcess(String, java.util.Map)}.
 */
public final class InstanceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private InstanceProcess(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	static InstanceProcess start(String name, int port, List<String> arguments) {
		Path log = LocalProcesses.newStateDir(name).resolve("chat.log");
		List<String> command = new java.util.ArrayList<>(
				List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-XX:TieredStopAtLevel=1",
						"--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
						ClusterChatApp.class.getName()));
		command.addAll(arguments);
		Process process = LocalProcesses.start(name, new ProcessBuilder(command), log);
		InstanceProcess instance = new InstanceProcess(name, port, process, log);
		try {
			await(name + " answering on port " + port).atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.until(instance::answers);
		}
		catch (RuntimeException ex) {
			instance.kill();
			throw new IllegalStateException(
					name + " did not start; the end of its log (" + log + "):\n" + instance.logTail(), ex);
		}
		return instance;
	}

	private boolean answers() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(this.name + " exited with " + this.process.exitValue());
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/instance"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Returns the instance's HTTP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the operating-system process.
	 * @return its pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Kills the instance with SIGKILL and waits, bounded, until the process is gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.name + " (pid " + pid() + ") outlived SIGKILL for 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The exit status after {@link #kill()}: 137 (128 + SIGKILL's 9) for a JVM that was
	 * killed, rather than one that exited by itself.
	 * @return the exit status
	 */
	public int exitValue() {
		return this.process.exitValue();
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
