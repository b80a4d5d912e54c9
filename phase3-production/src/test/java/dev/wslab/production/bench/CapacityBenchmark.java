package dev.wslab.production.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Measures what an idle connection costs a server, side by side in one run, and writes
 * {@code docs/benchmarks/phase3-capacity.md}: heap and resident set per idle connection
 * for a STOMP endpoint on Tomcat with permessage-deflate off and on, and for a raw
 * WebFlux handler on Reactor Netty. It is a benchmark, not a test: nothing here passes or
 * fails.
 *
 * <p>
 * Method: each variant gets a fresh server JVM ({@link CapacityServer}) and client JVMs
 * of its own ({@link CapacityClient}), all on 127.0.0.1. After a warm-up (connections
 * opened and closed, so classes and caches are loaded), the clients open idle connections
 * in steps; at each step the server reports its heap after full GCs and its VmRSS. The
 * cost per connection is the least-squares slope over the steps. A class histogram at the
 * first and last step shows where the heap went.
 */
public final class CapacityBenchmark {

	private static final List<String> SERVER_FLAGS = List.of("-Xms256m",
			"-Xmx" + System.getProperty("serverHeap", "2g"), "-XX:+UseParallelGC");

	private static final List<String> CLIENT_FLAGS = List.of("-Xmx1536m", "-XX:+UseParallelGC");

	// Not measured, only quieter: Logback's status lines and the JDK's native-access
	// warning.
	private static final List<String> QUIET = List.of("--enable-native-access=ALL-UNNAMED",
			"-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

	private final int[] steps = Arrays.stream(System.getProperty("steps", "0,1000,2000,4000").split(","))
		.mapToInt(Integer::parseInt)
		.toArray();

	private final int warmup = Integer.getInteger("warmup", 200);

	private final int perClientProcess = Integer.getInteger("perClientProcess", 5000);

	private final List<Variant> variants = Arrays.stream(System.getProperty("variants", "all").split(","))
		.flatMap((name) -> name.equals("all") ? Arrays.stream(Variant.values())
				: Arrays.stream(new Variant[] { Variant.valueOf(name) }))
		.toList();

	private CapacityBenchmark() {
	}

	/**
	 * Runs the benchmark; it stops by itself after {@code -DmaxMinutes} (default 10).
	 * @param args the results file, default {@code docs/benchmarks/phase3-capacity.md}
	 * @throws Exception if a server or client cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/phase3-capacity.md");
		ResultsFile.stopAfterMaxMinutes(10);
		Instant start = Instant.now();
		Map<Variant, List<Step>> results = new LinkedHashMap<>();
		Map<Variant, List<HeapShare>> shares = new LinkedHashMap<>();
		CapacityBenchmark benchmark = new CapacityBenchmark();
		for (Variant variant : benchmark.variants) {
			System.out.println("== " + variant.label);
			List<Step> measured = new ArrayList<>();
			shares.put(variant, benchmark.measure(variant, measured));
			results.put(variant, measured);
		}
		Duration took = Duration.between(start, Instant.now());
		CapacityReport report = new CapacityReport(SERVER_FLAGS, CLIENT_FLAGS, benchmark.warmup, took);
		report.write(out, results, shares);
		System.out.println("Results written to " + out.toAbsolutePath() + " in " + took.toSeconds() + " s");
		System.exit(0);
	}

	private List<HeapShare> measure(Variant variant, List<Step> measured) throws Exception {
		int most = Arrays.stream(this.steps).max().orElse(0);
		int processes = Math.max(1, (most + this.perClientProcess - 1) / this.perClientProcess);
		List<ChildJvm> clients = new ArrayList<>();
		try (ChildJvm server = ChildJvm.start(variant.name(), concat(concat(SERVER_FLAGS, QUIET), variant.jvmFlags()),
				CapacityServer.class, variant.serverArgs())) {
			String[] ready = server.awaitLine("READY ", STEP_TIMEOUT).split(" ");
			String url = "ws://127.0.0.1:" + ready[1] + ready[2];
			for (int i = 0; i < processes; i++) {
				clients.add(ChildJvm.start("client-" + i, concat(CLIENT_FLAGS, QUIET), CapacityClient.class,
						variant.clientMode, url));
			}
			openAll(clients, this.warmup);
			for (ChildJvm client : clients) {
				client.ask("close", "CLOSED", STEP_TIMEOUT);
			}
			awaitServer(server, variant, 0);
			Map<String, long[]> first = null;
			Map<String, long[]> last = null;
			for (int target : this.steps) {
				int[] opened = openAll(clients, target);
				awaitServer(server, variant, opened[0]);
				String[] stats = server.ask("stats", "STATS ", STEP_TIMEOUT);
				Step step = new Step(target, opened[0], opened[1], opened[2], Long.parseLong(stats[1]), server.rss());
				measured.add(step);
				System.out.printf("   %s%n", step);
				Map<String, long[]> histogram = histogram(server);
				first = (first != null) ? first : histogram;
				last = histogram;
			}
			int held = measured.get(measured.size() - 1).held() - measured.get(0).held();
			return HeapShare.diff(first, last, held);
		}
		finally {
			for (ChildJvm client : clients) {
				client.close();
			}
		}
	}

	/** Opens connections up to {@code total}, spread over the client processes. */
	private int[] openAll(List<ChildJvm> clients, int total) throws IOException {
		int[] sums = new int[3];
		for (int i = 0; i < clients.size(); i++) {
			int share = total / clients.size() + ((i < total % clients.size()) ? 1 : 0);
			String[] answer = clients.get(i).ask("open " + share, "OPENED ", STEP_TIMEOUT);
			for (int j = 0; j < 3; j++) {
				sums[j] += Integer.parseInt(answer[j + 1]);
			}
		}
		return sums;
	}

	/**
	 * Waits until the server has seen every connection (and, for STOMP, its SUBSCRIBE).
	 */
	private static void awaitServer(ChildJvm server, Variant variant, int held) {
		await().atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
			String[] counts = server.ask("counts", "COUNTS ", STEP_TIMEOUT);
			boolean sessions = Integer.parseInt(counts[1]) == held;
			return sessions && (!variant.stomp() || Integer.parseInt(counts[2]) == held);
		});
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

	private static Map<String, long[]> histogram(ChildJvm server) throws IOException {
		String[] entries = server.ask("histogram", "HISTOGRAM", STEP_TIMEOUT);
		Map<String, long[]> classes = new LinkedHashMap<>();
		for (int i = 1; i < entries.length; i++) {
			String[] cells = entries[i].split(":");
			classes.put(cells[0], new long[] { Long.parseLong(cells[1]), Long.parseLong(cells[2]) });
		}
		return classes;
	}

	/** What is compared: which server, how it is tuned, and what each client does. */
	enum Variant {

		TOMCAT_STOMP("Tomcat STOMP, deflate off", "tomcat-stomp", "stomp", "20-50 KB; ~14 KB without deflate",
				"<= 60 KB heap"),

		TOMCAT_STOMP_DEFLATE("Tomcat STOMP, deflate on", "tomcat-stomp", "stomp-deflate",
				"20-50 KB; ~64 KB with deflate", "-"),

		// Exercise 3.7 sets Tomcat's message buffers to the chat's 64 KB message size.
		TOMCAT_STOMP_CHAT_BUFFERS("Tomcat STOMP, the chat's 64 KB message buffers", "tomcat-stomp", "stomp", "-", "-",
				"--bench.text-buffer=65536", "--bench.binary-buffer=65536"),

		// What it takes to meet the target: smaller fixed buffers, text kept at Spring's
		// 16 K floor.
		TOMCAT_STOMP_LEAN("Tomcat STOMP, lean buffers", "tomcat-stomp", "stomp", "-", "<= 60 KB heap",
				"--bench.text-buffer=16384", "--bench.binary-buffer=1024", "--bench.socket-buffer=2048",
				"-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=2048"),

		WEBFLUX("WebFlux, raw WebSocket", "webflux", "websocket", "20-50 KB", "-");

		final String label;

		final String server;

		final String clientMode;

		final String curriculum;

		final String target;

		/** Spring arguments ({@code --}) and JVM flags ({@code -D}) for the server. */
		final List<String> tuning;

		Variant(String label, String server, String clientMode, String curriculum, String target, String... tuning) {
			this.label = label;
			this.server = server;
			this.clientMode = clientMode;
			this.curriculum = curriculum;
			this.target = target;
			this.tuning = List.of(tuning);
		}

		boolean stomp() {
			return this.clientMode.startsWith("stomp");
		}

		List<String> jvmFlags() {
			return this.tuning.stream().filter((arg) -> arg.startsWith("-D")).toList();
		}

		String[] serverArgs() {
			return Stream.concat(Stream.of(this.server), this.tuning.stream().filter((arg) -> arg.startsWith("--")))
				.toArray(String[]::new);
		}

	}

	/**
	 * One measured step.
	 *
	 * @param target connections asked for
	 * @param held connections the clients hold
	 * @param deflate of those, how many agreed to permessage-deflate
	 * @param failed connections that failed so far
	 * @param heap the server's heap after full GCs, in bytes
	 * @param rss the server's VmRSS, in bytes
	 */
	record Step(int target, int held, int deflate, int failed, long heap, long rss) {

		@Override
		public String toString() {
			return String.format("%d held (%d deflate, %d failed): heap %.1f MB, RSS %.1f MB", this.held, this.deflate,
					this.failed, this.heap / 1e6, this.rss / 1e6);
		}

	}

}
