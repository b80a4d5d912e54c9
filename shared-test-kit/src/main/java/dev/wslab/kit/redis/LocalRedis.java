package dev.wslab.kit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wslab.kit.infra.Binaries;
import dev.wslab.kit.infra.FreePorts;
import dev.wslab.kit.infra.InfrastructureUnavailableException;
import dev.wslab.kit.infra.LocalProcesses;

import static org.awaitility.Awaitility.await;

/**
 * A private {@code redis-server} run as a plain process: its own directory, a free port
 * on 127.0.0.1, a generated password and append-only persistence, configured by a file in
 * its state directory so the password never shows in a process list.
 */
final class LocalRedis implements RedisServer {

	static final String INSTALL = "sudo apt-get install -y redis-server   (macOS: brew install redis)";

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final String instance = "redis-" + COUNTER.incrementAndGet();

	private final Path dir;

	private final int port = FreePorts.next();

	private final String password = Passwords.generate();

	private Process process;

	LocalRedis() {
		this.dir = LocalProcesses.newStateDir(this.instance);
	}

	LocalRedis start(Duration timeout) {
		Path server = Binaries.require("redis-server", INSTALL,
				List.of("redis-server", "/usr/bin/redis-server", "/opt/homebrew/bin/redis-server"));
		try {
			Files.createDirectories(this.dir.resolve("data"));
			Files.writeString(this.dir.resolve("redis.conf"), """
					bind 127.0.0.1
					port %d
					protected-mode yes
					daemonize no
					requirepass %s
					dir %s
					appendonly yes
					appendfsync everysec
					save ""
					logfile ""
					loglevel warning
					""".formatted(this.port, this.password, this.dir.resolve("data")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ProcessBuilder builder = new ProcessBuilder(server.toString(), this.dir.resolve("redis.conf").toString())
			.directory(this.dir.toFile());
		this.process = LocalProcesses.start(this.instance, builder, log());
		try {
			await("redis-server answering AUTH and PING on 127.0.0.1:" + this.port).atMost(timeout)
				.pollInterval(Duration.ofMillis(50))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("redis-server exited");
					}
					return RedisPing.pongs(host(), this.port, this.password);
				});
		}
		catch (RuntimeException ex) {
			String tail = logTail();
			stop();
			throw new InfrastructureUnavailableException(
					"The local redis-server did not start within " + timeout + ". Its log ends with:\n" + tail, ex);
		}
		return this;
	}

	void stop() {
		// SIGTERM first: Redis flushes its append-only file before it exits.
		LocalProcesses.stop(this.instance, Duration.ofSeconds(10));
	}

	List<ProcessHandle> processes() {
		return LocalProcesses.processesOf(this.instance);
	}

	Path log() {
		return this.dir.resolve("redis.out");
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
	public int port() {
		return this.port;
	}

	@Override
	public String password() {
		return this.password;
	}

	@Override
	public String description() {
		return "local process redis-server on 127.0.0.1:" + this.port + ", state in " + this.dir;
	}

}
