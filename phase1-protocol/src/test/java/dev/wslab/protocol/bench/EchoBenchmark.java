package dev.wslab.protocol.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures echo servers side by side, in one run, on this machine, and writes
 * {@code target/benchmark/echo-benchmark.md}. Phase 1 runs the hand-written server and
 * Reactor Netty's; Phase 2 adds Spring's handlers on Tomcat and on WebFlux
 * ({@code -Dservers}, with {@code -Dbench.main.<server>} naming the class that starts
 * each one). It is a benchmark, not a test: nothing here passes or fails.
 *
 * <p>
 * Method: each server runs in its own JVM with the same flags; this process is the load
 * generator and shares the same cores. Throughput is closed-loop (every connection sends
 * its next 64-byte message when the echo of the last arrives). Latency is open-loop at
 * half the measured throughput, timed from each message's intended send time, so a stall
 * is not hidden. Idle memory is the heap after a full GC and the resident set, each
 * measured before and after opening the idle connections, divided by their number.
 */
public final class EchoBenchmark {

	// Tomcat keeps about 160 KB per idle WebSocket, so the run with Spring needs a bigger
	// heap (-DserverHeap=4g) for 19,000 connections; every server in a run gets the same.
	private static final List<String> SERVER_JVM_FLAGS = List.of("-Xms256m",
			"-Xmx" + System.getProperty("serverHeap", "1g"), "-XX:+UseParallelGC");

	private final List<String> servers = List.of(System.getProperty("servers", "handwritten,netty").split(","));

	private final int connections = Integer.getInteger("connections", 1000);

	private final int idle = Integer.getInteger("idle", 19_000);

	private final Duration warmup = Duration.ofSeconds(Integer.getInteger("warmupSeconds", 5));

	private final Duration measure = Duration.ofSeconds(Integer.getInteger("seconds", 10));

	private EchoBenchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param args the output directory, default {@code target/benchmark}
	 * @throws Exception if a server cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "target/benchmark");
		new EchoBenchmark().run(out);
		System.exit(0);
	}

	private void run(Path outDir) throws Exception {
		Map<String, Result> results = new LinkedHashMap<>();
		for (String kind : this.servers) {
			System.out.println("== " + kind);
			Result result = new Result();
			try (ServerProcess server = ServerProcess.start(kind, SERVER_JVM_FLAGS)) {
				result.throughput = throughput(server);
				System.out.printf("   throughput %.0f echoes/s%n", result.throughput);
				result.latency = latency(server, result.throughput / 2);
				System.out.printf("   latency at %.0f/s: p50 %.2f ms, p99 %.2f ms%n", result.throughput / 2,
						result.latency[0] / 1e6, result.latency[1] / 1e6);
			}
			try (ServerProcess server = ServerProcess.start(kind, SERVER_JVM_FLAGS)) {
				idleMemory(server, result);
				System.out.printf("   %d idle connections: %.0f B heap, %.0f B RSS each%n", result.idleHeld,
						result.heapPerConnection, result.rssPerConnection);
			}
			results.put(kind, result);
		}
		Files.createDirectories(outDir);
		Path file = outDir.resolve("echo-benchmark.md");
		Files.writeString(file, report(results));
		System.out.println("Results written to " + file.toAbsolutePath());
	}

	private double throughput(ServerProcess server) throws Exception {
		List<LeanClient> clients = open(server, this.connections);
		LongAdder echoes = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (LeanClient client : clients) {
				threads.submit(() -> {
					while (running.get()) {
						client.send(System.nanoTime());
						client.receive();
						echoes.increment();
					}
					return null;
				});
			}
			LockSupport.parkNanos(this.warmup.toNanos());
			long before = echoes.sum();
			long start = System.nanoTime();
			LockSupport.parkNanos(this.measure.toNanos());
			double rate = (echoes.sum() - before) / ((System.nanoTime() - start) / 1e9);
			running.set(false);
			closeAll(clients);
			return rate;
		}
	}

	private long[] latency(ServerProcess server, double rate) throws Exception {
		List<LeanClient> clients = open(server, this.connections);
		long[] samples = new long[(int) Math.min(50_000_000, rate * (this.measure.toSeconds() + 1))];
		LongAdder count = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		long measureFrom = System.nanoTime() + this.warmup.toNanos();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (LeanClient client : clients) {
				threads.submit(() -> {
					while (running.get()) {
						long intended = client.receive();
						long now = System.nanoTime();
						if (intended >= measureFrom) {
							int slot = (int) count.sum();
							count.increment();
							if (slot < samples.length) {
								samples[slot] = now - intended;
							}
						}
					}
					return null;
				});
			}
			long interval = (long) (1e9 / rate);
			long start = System.nanoTime();
			long end = measureFrom + this.measure.toNanos();
			for (long i = 0;; i++) {
				long intended = start + i * interval;
				if (intended > end) {
					break;
				}
				long wait = intended - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				clients.get((int) (i % clients.size())).send(intended);
			}
			LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
			running.set(false);
			closeAll(clients);
		}
		long[] taken = Arrays.copyOf(samples, (int) Math.min(samples.length, count.sum()));
		Arrays.sort(taken);
		return new long[] { percentile(taken, 0.50), percentile(taken, 0.99), taken.length };
	}

	private void idleMemory(ServerProcess server, Result result) throws Exception {
		long[] before = server.stats();
		List<LeanClient> clients = new ArrayList<>();
		try {
			clients.addAll(open(server, this.idle));
		}
		catch (IOException ex) {
			System.out.println("   stopped opening at " + clients.size() + ": " + ex.getMessage());
		}
		long[] after = server.stats();
		result.idleHeld = clients.size();
		result.heapPerConnection = (after[0] - before[0]) / (double) clients.size();
		result.rssPerConnection = (after[1] - before[1]) / (double) clients.size();
		closeAll(clients);
	}

	private static List<LeanClient> open(ServerProcess server, int count) throws Exception {
		List<LeanClient> clients = java.util.Collections.synchronizedList(new ArrayList<>());
		Semaphore inFlight = new Semaphore(200);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(threads.submit(() -> {
					inFlight.acquire();
					try {
						clients.add(new LeanClient(server.port, server.path));
					}
					finally {
						inFlight.release();
					}
					return null;
				}));
			}
			for (java.util.concurrent.Future<?> future : futures) {
				future.get();
			}
		}
		return new ArrayList<>(clients);
	}

	private static void closeAll(List<LeanClient> clients) {
		for (LeanClient client : clients) {
			try {
				client.close();
			}
			catch (IOException ex) {
				// Closing is best effort at the end of a phase.
			}
		}
	}

	private static long percentile(long[] sorted, double p) {
		return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	}

	private String report(Map<String, Result> results) {
		List<String> names = List.copyOf(results.keySet());
		Result first = results.get(names.get(0));
		StringBuilder text = new StringBuilder();
		text.append("# Echo benchmark\n\n")
			.append("Measured ")
			.append(LocalDate.now())
			.append(" on ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, Java ")
			.append(Runtime.version().feature())
			.append(", load generator on the same cores. Ratios are each server over ")
			.append(label(names.get(0)))
			.append(".\n\n| |");
		names.forEach((name) -> text.append(' ').append(label(name)).append(" |"));
		names.stream().skip(1).forEach((name) -> text.append(' ').append(label(name)).append(" ratio |"));
		text.append("\n|").append(" --- |".repeat(2 * names.size())).append('\n');
		row(text, "echo throughput, " + this.connections + " connections, 64-byte messages (echoes/s)", results,
				(r) -> r.throughput, "%.0f");
		row(text, "latency p50 at half that load (ms)", results, (r) -> r.latency[0] / 1e6, "%.2f");
		row(text, "latency p99 at half that load (ms)", results, (r) -> r.latency[1] / 1e6, "%.2f");
		row(text, "idle connections held", results, (r) -> r.idleHeld, "%.0f");
		row(text, "heap per idle connection (bytes)", results, (r) -> r.heapPerConnection, "%.0f");
		row(text, "RSS per idle connection (bytes)", results, (r) -> r.rssPerConnection, "%.0f");
		text.append("\nLatency was measured at half each server's own throughput: ");
		results.forEach((name, r) -> text.append(label(name))
			.append(String.format(" at %.0f/s (%d samples); ", r.throughput / 2, r.latency[2])));
		text.setLength(text.length() - 2);
		text.append(".\n\n## Method\n\n")
			.append("- Each server runs alone in its own JVM (")
			.append(String.join(" ", SERVER_JVM_FLAGS))
			.append("), one after the other; the load generator is this JVM, on the same cores.\n")
			.append("- Throughput: ")
			.append(this.connections)
			.append(" connections, each sending a 64-byte masked text message and waiting for its echo before the next (closed loop); ")
			.append(this.warmup.toSeconds())
			.append(" s warm-up, then ")
			.append(this.measure.toSeconds())
			.append(" s counted.\n")
			.append("- Latency: the same connections, messages sent at a fixed total rate of half the measured throughput, round-robin; ")
			.append("each message carries its intended send time, so queueing delay counts (no coordinated omission).\n")
			.append("- Idle memory: a fresh server JVM; heap used after full GCs and VmRSS, before and after opening ")
			.append(this.idle)
			.append(" WebSocket connections that then stay silent, divided by the connections held. ")
			.append("One process may hold at most 20,000 open files here, so about 19,000 is the ceiling.\n")
			.append("- The servers: ")
			.append(names.stream()
				.map((name) -> label(name) + ", " + DESCRIPTIONS.getOrDefault(name, name))
				.collect(java.util.stream.Collectors.joining("; ")))
			.append(".\n")
			.append("- Run it: `./mvnw -q -Psolutions,benchmark -pl phase1-protocol -am` (the first two), or ")
			.append("`./mvnw -q -Psolutions,spring-benchmark -pl phase2-spring -am` (all four); ")
			.append("options: -Dconnections, -Didle, -Dseconds.\n");
		return text.toString();
	}

	private static final Map<String, String> DESCRIPTIONS = Map.of("handwritten",
			"the Phase 1 server (one virtual thread per connection)", "netty",
			"Reactor Netty's HttpServer with a WebSocket route that echoes each frame", "spring-tomcat",
			"exercise 2.1's TextWebSocketHandler behind its session decorator, on Spring MVC and Tomcat",
			"spring-webflux", "a WebFlux WebSocketHandler that sends back each text, on Reactor Netty");

	private static String label(String kind) {
		return switch (kind) {
			case "handwritten" -> "hand-written (Phase 1)";
			case "netty" -> "Reactor Netty";
			case "spring-tomcat" -> "Spring on Tomcat";
			case "spring-webflux" -> "Spring WebFlux";
			default -> kind;
		};
	}

	private static void row(StringBuilder text, String name, Map<String, Result> results,
			java.util.function.ToDoubleFunction<Result> value, String format) {
		text.append("| ").append(name).append(" |");
		double first = value.applyAsDouble(results.values().iterator().next());
		results.values()
			.forEach((r) -> text.append(' ').append(String.format(format, value.applyAsDouble(r))).append(" |"));
		results.values().stream().skip(1).forEach((r) -> {
			double other = value.applyAsDouble(r);
			text.append(' ').append(first == 0 ? "-" : String.format("%.2f", other / first)).append(" |");
		});
		text.append('\n');
	}

	/** What was measured for one server. */
	private static final class Result {

		double throughput;

		long[] latency;

		long idleHeld;

		double heapPerConnection;

		double rssPerConnection;

	}

	/** A server JVM started for the benchmark. */
	private static final class ServerProcess implements AutoCloseable {

		private final Process process;

		private final BufferedReader output;

		private final PrintWriter input;

		private final int port;

		private final String path;

		private ServerProcess(Process process) throws IOException {
			this.process = process;
			this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
			String[] ready = awaitLine("READY ").split(" ");
			this.port = Integer.parseInt(ready[1]);
			this.path = ready[2];
		}

		static ServerProcess start(String kind, List<String> flags) throws IOException {
			List<String> command = new ArrayList<>();
			command.add(ProcessHandle.current().info().command().orElseThrow());
			command.addAll(flags);
			String main = System.getProperty("bench.main." + kind, BenchServer.class.getName());
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), main, kind));
			return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
		}

		long[] stats() throws IOException {
			this.input.println("stats");
			String[] parts = awaitLine("STATS ").split(" ");
			return new long[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]) };
		}

		private String awaitLine(String prefix) throws IOException {
			for (String line; (line = this.output.readLine()) != null;) {
				if (line.startsWith(prefix)) {
					return line;
				}
			}
			throw new IOException("server process ended before printing " + prefix);
		}

		@Override
		public void close() throws Exception {
			this.input.println("quit");
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

}
