package dev.wslab.production.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Writes the hold benchmark's results file: per variant, the most connections held and
 * what ran out first, RabbitMQ's cost per relayed client, every step, and the method. A
 * hand-written {@code ## Reading it} section already in the file is kept.
 */
final class HoldReport {

	private static final String READING = "## Reading it";

	private static final double KB = 1024;

	private static final double MB = 1024 * 1024;

	/** A process this close to its limit is the one that ran out. */
	private static final long NEAR = 10;

	private final int step;

	private final int most;

	private final Duration took;

	private final long limit = HoldBenchmark.openFileLimit();

	HoldReport(int step, int most, Duration took) {
		this.step = step;
		this.most = most;
		this.took = took;
	}

	void write(Path file, List<HoldResult> results) throws IOException {
		String kept = ResultsFile.keptSection(file, READING);
		StringBuilder text = new StringBuilder("# Phase 3 capacity: idle STOMP connections one instance holds\n\n");
		text.append(String
			.format("Measured %s on %d cores, Java %s, open-file limit per process (`ulimit -n`) %d; servers, "
					+ "Nginx, RabbitMQ and clients on the same machine, over 127.0.0.1. The whole run took %d s.%n%n",
					LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), this.limit,
					this.took.toSeconds()));
		summary(text, results);
		broker(text, results);
		for (HoldResult result : results) {
			steps(text, result);
		}
		method(text);
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, text + kept);
	}

	private void summary(StringBuilder text, List<HoldResult> results) {
		text.append("| | most held | failed at that step | what ran out | busiest instance's open files ")
			.append("| busiest Nginx worker's open files | RabbitMQ's sockets (its limit) ")
			.append("| instance heap per connection (KB) |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (HoldResult result : results) {
			HoldRow most = result.most();
			if (most == null) {
				text.append(String.format("| %s | - | - | %s | - | - | - | - |%n", result.variant().label(),
						result.failure()));
				continue;
			}
			LeastSquares heap = LeastSquares.fit(result.rows(), HoldRow::held, HoldRow::heap);
			// One step gives no slope: say so rather than NaN.
			String perConnection = Double.isNaN(heap.slope()) ? "-" : String.format("%.1f", heap.slope() / KB);
			text.append(String.format("| %s | **%d** | %d | %s | %d | %s | %s | %s |%n", result.variant().label(),
					most.held(), most.failed(), ranOut(result, most), most.serverFiles(),
					(most.proxyFiles() >= 0) ? String.valueOf(most.proxyFiles()) : "-", (most.broker() != null)
							? most.broker().socketsUsed() + " (" + most.broker().socketsLimit() + ")" : "-",
					perConnection));
		}
		text.append("\nFirst error a client saw, per variant:\n\n");
		for (HoldResult result : results) {
			text.append("- ")
				.append(result.variant().label())
				.append(": ")
				.append((result.failure() != null) ? "`" + result.failure() + "`"
						: "none, the ramp ended at " + this.most)
				.append('\n');
		}
		text.append('\n');
	}

	private String ranOut(HoldResult result, HoldRow most) {
		if (most.failed() == 0) {
			return "nothing (the ramp ended)";
		}
		if (most.serverFiles() >= this.limit - NEAR) {
			return "the instance's descriptors";
		}
		if (most.proxyFiles() >= this.limit - NEAR) {
			return "the Nginx worker's descriptors";
		}
		if (result.proxyOutOfConnections()) {
			return "the Nginx worker's `worker_connections`";
		}
		if (most.broker() != null && most.broker().socketsUsed() >= most.broker().socketsLimit() - NEAR) {
			return "RabbitMQ's socket limit";
		}
		return "see the first error";
	}

	private void broker(StringBuilder text, List<HoldResult> results) {
		List<HoldResult> relayed = results.stream()
			.filter((result) -> result.variant().relay() && result.rows().size() >= 2)
			.toList();
		if (relayed.isEmpty()) {
			return;
		}
		text.append("## RabbitMQ's cost per relayed client\n\n")
			.append("The slope of a least-squares line through the steps (R² in brackets), per connection the ")
			.append("clients held. Each relayed client is a STOMP connection to RabbitMQ with one subscription, ")
			.append("so one exclusive queue bound to `amq.topic`.\n\n")
			.append("| | sockets | resident set (KB) | connection processes (KB) | queue processes (KB) ")
			.append("| instance RSS (KB) |\n| --- | --- | --- | --- | --- | --- |\n");
		for (HoldResult result : relayed) {
			List<HoldRow> rows = result.rows();
			text.append(String.format("| %s | %s | %s | %s | %s | %s |%n", result.variant().label(),
					slope(rows, (row) -> row.broker().socketsUsed(), 1), slope(rows, (row) -> row.broker().rss(), KB),
					slope(rows, (row) -> row.broker().connectionMemory(), KB),
					slope(rows, (row) -> row.broker().queueMemory(), KB), slope(rows, HoldRow::rss, KB)));
		}
		text.append('\n');
	}

	private static String slope(List<HoldRow> rows, ToDoubleFunction<HoldRow> y, double unit) {
		LeastSquares fit = LeastSquares.fit(rows, HoldRow::held, y);
		return String.format("%.2f (%.3f)", fit.slope() / unit, fit.r2());
	}

	private void steps(StringBuilder text, HoldResult result) {
		boolean proxy = result.variant().nginxWorkers() > 0;
		boolean relay = result.variant().relay();
		text.append("## ").append(result.variant().label()).append("\n\n");
		text.append("| asked for | held | failed | step took (s) | heap after full GC (MB) | VmRSS (MB) ")
			.append("| busiest instance's open files |")
			.append(proxy ? " busiest Nginx worker's open files |" : "")
			.append(relay ? " RabbitMQ sockets | RabbitMQ RSS (MB) | connection processes (MB) | queue processes (MB) |"
					: "")
			.append("\n| --- | --- | --- | --- | --- | --- | --- |")
			.append(proxy ? " --- |" : "")
			.append(relay ? " --- | --- | --- | --- |" : "")
			.append('\n');
		for (HoldRow row : result.rows()) {
			text.append(String.format("| %d | %d | %d | %.1f | %.0f | %.0f | %d |", row.target(), row.held(),
					row.failed(), row.took().toMillis() / 1000.0, row.heap() / MB, row.rss() / MB, row.serverFiles()));
			if (proxy) {
				text.append(' ').append(row.proxyFiles()).append(" |");
			}
			if (relay) {
				text.append(
						String.format(" %d | %.0f | %.0f | %.0f |", row.broker().socketsUsed(), row.broker().rss() / MB,
								row.broker().connectionMemory() / MB, row.broker().queueMemory() / MB));
			}
			text.append('\n');
		}
		text.append('\n');
	}

	private void method(StringBuilder text) {
		text.append("## Method\n\n")
			.append("- Each variant gets fresh processes, one variant after the other. An instance is ")
			.append("`CapacityServer` in its own JVM (")
			.append(String.join(" ", BenchRig.SERVER_FLAGS))
			.append("): Spring's simple broker (`tomcat-stomp`) or Spring's STOMP broker relay (`tomcat-relay`) ")
			.append("on Tomcat, with `server.tomcat.max-connections=20000`, no security and no application state. ")
			.append("The clients are `CapacityClient` JVMs (")
			.append(String.join(" ", BenchRig.CLIENT_FLAGS))
			.append("), each holding at most a share of the connections, so no client process nears its own ")
			.append("open-file limit. Each connection is the handshake, CONNECT with heart-beats 0,0 and one ")
			.append("SUBSCRIBE to `/topic/idle`, then silence.\n")
			.append("- Nginx (Debian's, `BenchNginx`) proxies WebSocket upgrades to the one instance, with ")
			.append("`worker_rlimit_nofile` and `worker_connections` at the open-file limit: each worker may use ")
			.append("all the descriptors a process is allowed. RabbitMQ (Debian's 3.10, the kit's private node) ")
			.append("serves the relay; its figures come from `rabbitmqctl status --formatter json`.\n")
			.append("- The ramp adds ")
			.append(this.step)
			.append(" connections a step, spread over the clients, and stops at the first step where a connection ")
			.append("fails (a client stops opening at its first failure), or at ")
			.append(this.most)
			.append(". Open files are counted from `/proc/<pid>/fd`; what ran out is the process within ")
			.append(NEAR)
			.append(" descriptors (or sockets) of its limit at the last step.\n")
			.append("- Run it: `./mvnw -q -Psolutions,capacity-hold -pl phase3-production -am` (options: ")
			.append("`-Dvariants=SIMPLE,NGINX,NGINX_WORKERS,RELAY,RELAY_TWO` (default: all), `-Dstep=2000`, ")
			.append("`-Dmost=24000`, `-DperClientProcess=5000`, `-DserverHeap=4g`). It stops by itself after ")
			.append("`-DmaxMinutes` (30).\n");
	}

}
