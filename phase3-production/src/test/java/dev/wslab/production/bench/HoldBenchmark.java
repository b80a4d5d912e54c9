package dev.wslab.production.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Finds how many idle STOMP connections one instance holds, and what runs out first, for
 * each {@link HoldVariant}: Spring's simple broker on Tomcat ({@link CapacityServer}),
 * the same behind Nginx, and the relay to RabbitMQ on one and on two instances. Several
 * client JVMs ({@link CapacityClient}) open connections in steps until one fails. Writes
 * {@code docs/benchmarks/phase3-hold.md}. It is a benchmark, not a test: nothing here
 * passes or fails.
 */
public final class HoldBenchmark {

	private final int step = Integer.getInteger("step", 2000);

	private final int most = Integer.getInteger("most", 24_000);

	private final int perClientProcess = Integer.getInteger("perClientProcess", 5000);

	private HoldBenchmark() {
	}

	/**
	 * Runs the ramps, one variant after the other; it stops by itself after
	 * {@code -DmaxMinutes} (default 30).
	 * @param args the results file, default {@code docs/benchmarks/phase3-hold.md}
	 * @throws Exception if the results cannot be written
	 */
	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/phase3-hold.md");
		ResultsFile.stopAfterMaxMinutes(30);
		List<HoldVariant> variants = Arrays.stream(System.getProperty("variants", "all").split(","))
			.flatMap((name) -> name.equals("all") ? Arrays.stream(HoldVariant.values())
					: Arrays.stream(new HoldVariant[] { HoldVariant.valueOf(name) }))
			.toList();
		Instant start = Instant.now();
		HoldBenchmark benchmark = new HoldBenchmark();
		List<HoldResult> results = new ArrayList<>();
		for (HoldVariant variant : variants) {
			System.out.println(variant.label() + ":");
			results.add(benchmark.ramp(variant));
		}
		new HoldReport(benchmark.step, benchmark.most, Duration.between(start, Instant.now())).write(out, results);
		System.out.println("Results written to " + out.toAbsolutePath());
		System.exit(0);
	}

	private HoldResult ramp(HoldVariant variant) {
		List<HoldRow> rows = new ArrayList<>();
		try (BenchRig rig = BenchRig.start(variant.relay(), variant.servers(), variant.nginxWorkers())) {
			int perServer = (this.most + variant.servers() - 1) / variant.servers();
			List<ChildJvm> clients = rig.startClients("stomp",
					(perServer + this.perClientProcess - 1) / this.perClientProcess);
			for (int target = this.step; target <= this.most; target += this.step) {
				String failure = step(variant, target, rig, clients, rows);
				if (failure != null) {
					return new HoldResult(variant, rows, failure,
							rig.nginx() != null && rig.nginx().ranOutOfConnections());
				}
			}
			return new HoldResult(variant, rows, null, false);
		}
		catch (Exception ex) {
			System.out.println("   the ramp stopped: " + ex);
			return new HoldResult(variant, rows, "the ramp stopped: " + ex, false);
		}
	}

	private String step(HoldVariant variant, int target, BenchRig rig, List<ChildJvm> clients, List<HoldRow> rows)
			throws Exception {
		List<ChildJvm> servers = rig.servers();
		Instant began = Instant.now();
		int held = 0;
		int failed = 0;
		String failure = null;
		for (int i = 0; i < clients.size(); i++) {
			int share = target / clients.size() + ((i < target % clients.size()) ? 1 : 0);
			String[] answer = clients.get(i).ask("open " + share, "OPENED ", BenchRig.ANSWER_TIMEOUT);
			held += Integer.parseInt(answer[1]);
			failed += Integer.parseInt(answer[3]);
			if (answer.length > 4 && failure == null) {
				failure = String.join(" ", Arrays.copyOfRange(answer, 4, answer.length));
			}
		}
		Duration took = Duration.between(began, Instant.now());
		int expected = held;
		// Every connection a client holds was CONNECTED by a server: wait until they have
		// all been counted before the servers are measured.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			int counted = 0;
			for (ChildJvm server : servers) {
				counted += Integer.parseInt(server.ask("counts", "COUNTS ", BenchRig.ANSWER_TIMEOUT)[2]);
			}
			return counted >= expected;
		});
		long heap = 0;
		long rss = 0;
		long files = 0;
		for (ChildJvm server : servers) {
			heap += Long.parseLong(server.ask("stats", "STATS ", BenchRig.ANSWER_TIMEOUT)[1]);
			rss += server.rss();
			files = Math.max(files, server.openFiles());
		}
		HoldRow row = new HoldRow(variant, target, held, failed, took, heap, rss, files,
				(rig.nginx() != null) ? rig.nginx().busiestWorkerFiles() : -1,
				(rig.broker() != null) ? BrokerFigures.of(rig.broker()) : null);
		rows.add(row);
		System.out.println("   " + row);
		return (failed > 0) ? failure : null;
	}

	static long openFileLimit() {
		try {
			return java.nio.file.Files.readAllLines(Path.of("/proc/self/limits"))
				.stream()
				.filter((line) -> line.startsWith("Max open files"))
				.map((line) -> Long.parseLong(line.split("\\s{2,}")[1]))
				.findFirst()
				.orElse(20_000L);
		}
		catch (java.io.IOException | NumberFormatException ex) {
			return 20_000L;
		}
	}

}
