package dev.wslab.kit.prometheus;

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
import dev.wslab.kit.infra.ProvenByUse;

/**
 * A private {@code prometheus} run as a plain process: its own configuration and data
 * directory, and its web listener on a free port of 127.0.0.1.
 */
final class LocalPrometheus implements PrometheusServer {

	static final String INSTALL = "sudo apt-get install -y prometheus   (macOS: brew install prometheus)";

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final String instance = "prometheus-" + COUNTER.incrementAndGet();

	private final Path dir;

	private final int port = FreePorts.next();

	private String config;

	LocalPrometheus() {
		this.dir = LocalProcesses.newStateDir(this.instance);
	}

	LocalPrometheus start(Duration interval, List<ScrapeTarget> targets, Duration timeout) {
		Path prometheus = Binaries.require("prometheus", INSTALL,
				List.of("prometheus", "/usr/bin/prometheus", "/opt/homebrew/bin/prometheus"));
		this.config = PrometheusConfig.render(interval, targets, ScrapeTarget::instance);
		try {
			Files.writeString(this.dir.resolve("prometheus.yml"), this.config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ProcessBuilder builder = new ProcessBuilder(prometheus.toString(),
				"--config.file=" + this.dir.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + this.dir.resolve("data"), "--web.listen-address=127.0.0.1:" + this.port,
				"--log.level=warn")
			.directory(this.dir.toFile());
		Process process = LocalProcesses.start(this.instance, builder, log());
		try {
			ProvenByUse.await("prometheus answering /-/ready on 127.0.0.1:" + this.port, timeout, () -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("prometheus exited");
				}
				return PrometheusApi.ready(baseUrl());
			});
		}
		catch (RuntimeException ex) {
			String tail = logTail();
			stop();
			throw new InfrastructureUnavailableException(
					"The local prometheus did not start within " + timeout + ". Its log ends with:\n" + tail, ex);
		}
		return this;
	}

	void stop() {
		LocalProcesses.stop(this.instance, Duration.ofSeconds(10));
	}

	List<ProcessHandle> processes() {
		return LocalProcesses.processesOf(this.instance);
	}

	private Path log() {
		return this.dir.resolve("prometheus.out");
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
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public String config() {
		return this.config;
	}

	@Override
	public String description() {
		return "local process prometheus on 127.0.0.1:" + this.port + ", state in " + this.dir;
	}

}
