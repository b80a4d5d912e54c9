package dev.wslab.production.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Finds how many idle STOMP connections one instance holds: Spring's simple broker on
 * Tomcat ({@link CapacityServer}), loaded by several client JVMs
 * ({@link CapacityClient}), in steps until a connection fails. Writes
 * {@code docs/benchmarks/phase3-hold.md}. It is a benchmark, not a test: nothing here
 * passes or fails.
 */
public final class HoldBenchmark {

	private static final List<String> SERVER_FLAGS = List.of("-Xms256m",
			"-Xmx" + System.getProperty("serverHeap", "4g"), "-XX:+UseParallelGC");

	private static final List<String> CLIENT_FLAGS = List.of("-Xmx1536m", "-XX:+UseParallelGC");

	private static final List<String> QUIET = List.of("--enable-native-access=ALL-UNNAMED",
			"-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(180);

	private final int step = Integer.getInteger("step", 2000);

	private final int most = Integer.getInteger("most", 24_000);

	private final int perClientProcess = Integer.getInteger("perClientProcess", 5000);

	private HoldBenchmark() {
	}

	/**
	 * Runs the ramp; it stops by itself after {@code -DmaxMinutes} (default 10).
	 * @param args the results file, default {@code docs/benchmarks/phase3-hold.md}
	 * @throws Exception if a server or client cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/phase3-hold.md");
		Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory())
			.schedule(() -> Runtime.getRuntime().halt(4), Long.getLong("maxMinutes", 10), TimeUnit.MINUTES);
		Instant start = Instant.now();
		List<Row> rows = new ArrayList<>();
		String failure = new HoldBenchmark().ramp(rows);
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.writeString(out, report(rows, failure, Duration.between(start, Instant.now())));
		System.out.println("Results written to " + out.toAbsolutePath());
		System.exit(0);
	}

	private String ramp(List<Row> rows) throws Exception {
		int processes = (this.most + this.perClientProcess - 1) / this.perClientProcess;
		List<ChildJvm> clients = new ArrayList<>();
		List<String> serverFlags = new ArrayList<>(SERVER_FLAGS);
		serverFlags.addAll(QUIET);
		try (ChildJvm server = ChildJvm.start("server", serverFlags, CapacityServer.class, "tomcat-stomp")) {
			String[] ready = server.awaitLine("READY ", STEP_TIMEOUT).split(" ");
			String url = "ws://127.0.0.1:" + ready[1] + ready[2];
			List<String> clientFlags = new ArrayList<>(CLIENT_FLAGS);
			clientFlags.addAll(QUIET);
			for (int i = 0; i < processes; i++) {
				clients.add(ChildJvm.start("client-" + i, clientFlags, CapacityClient.class, "stomp", url));
			}
			for (int target = this.step; target <= this.most; target += this.step) {
				Instant began = Instant.now();
				int held = 0;
				int failed = 0;
				String failure = null;
				for (int i = 0; i < clients.size(); i++) {
					int share = target / clients.size() + ((i < target % clients.size()) ? 1 : 0);
					String[] answer = clients.get(i).ask("open " + share, "OPENED ", STEP_TIMEOUT);
					held += Integer.parseInt(answer[1]);
					failed += Integer.parseInt(answer[3]);
					if (answer.length > 4 && failure == null) {
						failure = String.join(" ", Arrays.copyOfRange(answer, 4, answer.length));
					}
				}
				Duration took = Duration.between(began, Instant.now());
				int expected = held;
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
					String[] counts = server.ask("counts", "COUNTS ", STEP_TIMEOUT);
					return Integer.parseInt(counts[2]) >= expected;
				});
				String[] stats = server.ask("stats", "STATS ", STEP_TIMEOUT);
				Row row = new Row(target, held, failed, took, Long.parseLong(stats[1]), server.rss(),
						server.openFiles());
				rows.add(row);
				System.out.println("   " + row);
				if (failed > 0) {
					return failure;
				}
			}
			return null;
		}
		finally {
			for (ChildJvm client : clients) {
				client.close();
			}
		}
	}

	private static String report(List<Row> rows, String failure, Duration took) {
		StringBuilder text = new StringBuilder("# Phase 3 capacity: idle STOMP connections one instance holds\n\n");
		text.append(String.format(
				"Measured %s on %d cores, Java %s, open-file limit (`ulimit -n`) %s; servers and clients on the "
						+ "same machine, over 127.0.0.1. The whole run took %d s.%n%n",
				LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), nofile(),
				took.toSeconds()));
		Row most = rows.stream().max(Comparator.comparingInt(Row::held)).orElseThrow();
		long baseline = rows.get(0).openFiles() - rows.get(0).held();
		text.append(String.format("Most held: **%d** idle STOMP connections, with %d failed at that step. The server ",
				most.held(), most.failed()))
			.append(String.format("then had %d open files: %d for its sockets and %d it holds anyway ",
					most.openFiles(), most.held(), baseline))
			.append("(class path, epoll, the listening socket, pipes). ")
			.append(String.format("Its heap held %.0f MB after a full GC, of the %s it may grow to.%n%n",
					most.heap() / 1048576.0, System.getProperty("serverHeap", "4g")));
		if (failure != null) {
			text.append("First error a client saw: `").append(failure).append("`\n\n");
		}
		text.append("| asked for | held | failed | step took (s) | heap after full GC (MB) | VmRSS (MB) ")
			.append("| server's open files |\n| --- | --- | --- | --- | --- | --- | --- |\n");
		for (Row row : rows) {
			text.append(String.format("| %d | %d | %d | %.1f | %.0f | %.0f | %d |%n", row.target(), row.held(),
					row.failed(), row.took().toMillis() / 1000.0, row.heap() / 1048576.0, row.rss() / 1048576.0,
					row.openFiles()));
		}
		text.append("\n## Method\n\n")
			.append("- The server is `CapacityServer`'s `tomcat-stomp` (Spring's simple broker on Tomcat, ")
			.append("`server.tomcat.max-connections=20000`) in its own JVM (")
			.append(String.join(" ", SERVER_FLAGS))
			.append("). The clients are `CapacityClient` JVMs (")
			.append(String.join(" ", CLIENT_FLAGS))
			.append("), each holding at most a share of the connections, so no client process nears its own ")
			.append("open-file limit. Each connection is the handshake, CONNECT and one SUBSCRIBE, then silence.\n")
			.append("- The ramp adds connections in steps and stops at the first step where a connection fails ")
			.append("(a client stops opening at its first failure). The server's open files are counted from ")
			.append("`/proc/<pid>/fd`, and its log says `Socket accept failed: Too many open files` when it runs out.\n")
			.append("- Run it: `./mvnw -q -Psolutions,capacity-hold -pl phase3-production -am` ")
			.append("(options: `-Dstep=2000`, `-Dmost=24000`, `-DperClientProcess=5000`, `-DserverHeap=4g`). ")
			.append("It stops by itself after `-DmaxMinutes` (10).\n");
		return text.toString();
	}

	private static String nofile() {
		try {
			return Files.readAllLines(Path.of("/proc/self/limits"))
				.stream()
				.filter((line) -> line.startsWith("Max open files"))
				.map((line) -> line.split("\\s{2,}")[1])
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/**
	 * One step of the ramp.
	 *
	 * @param target connections asked for
	 * @param held connections the clients hold
	 * @param failed connections that failed
	 * @param took how long the step took
	 * @param heap the server's heap after full GCs, in bytes
	 * @param rss the server's VmRSS, in bytes
	 * @param openFiles the server's open descriptors
	 */
	record Row(int target, int held, int failed, Duration took, long heap, long rss, long openFiles) {

		@Override
		public String toString() {
			return String.format("%d asked, %d held, %d failed in %d s: heap %.0f MB, RSS %.0f MB, %d files",
					this.target, this.held, this.failed, this.took.toSeconds(), this.heap / 1e6, this.rss / 1e6,
					this.openFiles);
		}

	}

}
