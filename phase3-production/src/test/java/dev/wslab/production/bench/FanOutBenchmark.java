package dev.wslab.production.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.HdrHistogram.Histogram;

import static org.awaitility.Awaitility.await;

/**
 * Fan-out delivery latency on one room, side by side in one run: Spring's simple broker
 * against the relay to RabbitMQ, one instance against two, at 1k and 10k subscribers
 * ({@link FanOutScenario}). Every scenario delivers the same number of messages a second
 * in all ({@code -DdeliveriesPerSecond}, 5,000 by default, the relay target), so
 * 1k subscribers get 5 room messages a second and 10k get one every two seconds. The
 * subscribers are client JVMs of their own ({@link CapacityClient} {@code fanout}); one
 * more client sends. Writes {@code docs/benchmarks/phase3-fanout.md}. A benchmark, not a
 * test: nothing here passes or fails.
 */
public final class FanOutBenchmark {

	private static final Duration STALL = Duration.ofSeconds(15);

	private final int deliveriesPerSecond = Integer.getInteger("deliveriesPerSecond", 5000);

	private final int seconds = Integer.getInteger("seconds", 30);

	private final int warmupSeconds = Integer.getInteger("warmupSeconds", 5);

	private final int perClientProcess = Integer.getInteger("perClientProcess", 5000);

	private FanOutBenchmark() {
	}

	/**
	 * Runs the scenarios one after the other; it stops by itself after
	 * {@code -DmaxMinutes} (default 30).
	 * @param args the results file, default {@code docs/benchmarks/phase3-fanout.md}
	 * @throws Exception if the results cannot be written
	 */
	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/phase3-fanout.md");
		ResultsFile.stopAfterMaxMinutes(30);
		List<FanOutScenario> scenarios = Arrays.stream(System.getProperty("scenarios", "all").split(","))
			.flatMap((name) -> name.equals("all") ? Arrays.stream(FanOutScenario.values())
					: Arrays.stream(new FanOutScenario[] { FanOutScenario.valueOf(name) }))
			.toList();
		FanOutBenchmark benchmark = new FanOutBenchmark();
		Instant start = Instant.now();
		List<FanOutResult> results = new ArrayList<>();
		for (FanOutScenario scenario : scenarios) {
			System.out.println(scenario.label() + ":");
			FanOutResult result = benchmark.run(scenario);
			System.out.println("   " + FanOutReport.line(result));
			results.add(result);
		}
		new FanOutReport(benchmark.deliveriesPerSecond, benchmark.seconds, benchmark.warmupSeconds,
				Duration.between(start, Instant.now()))
			.write(out, results);
		System.out.println("Results written to " + out.toAbsolutePath());
		System.exit(0);
	}

	private FanOutResult run(FanOutScenario scenario) {
		try (BenchRig rig = BenchRig.start(scenario.relay(), scenario.servers(), 0)) {
			int perServer = scenario.subscribers() / scenario.servers();
			List<ChildJvm> subscribers = rig.startClients("fanout",
					(perServer + this.perClientProcess - 1) / this.perClientProcess);
			for (int i = 0; i < subscribers.size(); i++) {
				int share = scenario.subscribers() / subscribers.size()
						+ ((i < scenario.subscribers() % subscribers.size()) ? 1 : 0);
				String[] opened = subscribers.get(i).ask("open " + share, "OPENED ", BenchRig.ANSWER_TIMEOUT);
				if (Integer.parseInt(opened[1]) != share) {
					return FanOutResult.failed(scenario, "only " + opened[1] + " of " + share + " subscribers "
							+ "connected: " + String.join(" ", Arrays.copyOfRange(opened, 4, opened.length)));
				}
			}
			ChildJvm sender = rig.startClient("stomp", 0);
			sender.ask("open 1", "OPENED ", BenchRig.ANSWER_TIMEOUT);
			awaitSubscribed(rig, scenario.subscribers() + 1);
			double perSecond = (double) this.deliveriesPerSecond / scenario.subscribers();
			long periodMicros = Math.round(1_000_000 / perSecond);
			int warmup = Math.max(1, (int) Math.round(perSecond * this.warmupSeconds));
			sender.ask("publish 0 " + warmup + " " + periodMicros, "PUBLISHED ", BenchRig.ANSWER_TIMEOUT);
			awaitDeliveries(subscribers, (long) warmup * scenario.subscribers());
			for (ChildJvm subscriber : subscribers) {
				subscriber.ask("reset", "RESET", BenchRig.ANSWER_TIMEOUT);
			}
			int messages = Math.max(1, (int) Math.round(perSecond * this.seconds));
			String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
			long[] cpuBefore = cpu(rig);
			Instant began = Instant.now();
			String[] published = sender.ask("publish 1000000 " + messages + " " + periodMicros, "PUBLISHED ",
					Duration.ofSeconds(this.seconds + 180L));
			long[] counts = awaitDeliveries(subscribers, (long) messages * scenario.subscribers());
			double took = Duration.between(began, Instant.now()).toMillis() / 1000.0;
			long[] cpuAfter = cpu(rig);
			Histogram latencies = new Histogram(3);
			for (ChildJvm subscriber : subscribers) {
				String[] report = subscriber.ask("latency", "LATENCY ", BenchRig.ANSWER_TIMEOUT);
				latencies.add(FanOutRecorder.decode(report[3]));
			}
			return new FanOutResult(scenario, Long.parseLong(published[1]), perSecond, counts[0], counts[1], latencies,
					cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1], cpuAfter[2] - cpuBefore[2], took, load,
					null);
		}
		catch (Exception ex) {
			System.out.println("   the scenario stopped: " + ex);
			return FanOutResult.failed(scenario, "the scenario stopped: " + ex);
		}
	}

	private static void awaitSubscribed(BenchRig rig, int expected) {
		await("every subscription counted by the instances").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				int subscribed = 0;
				for (ChildJvm server : rig.servers()) {
					subscribed += Integer.parseInt(server.ask("counts", "COUNTS ", BenchRig.ANSWER_TIMEOUT)[2]);
				}
				return subscribed >= expected;
			});
	}

	/**
	 * Waits until every delivery has been counted, or until no new one has come for
	 * {@link #STALL}: then the rest are lost.
	 * @return deliveries and duplicates counted
	 */
	private static long[] awaitDeliveries(List<ChildJvm> subscribers, long expected) {
		long[] counts = new long[2];
		long[] lastChange = { System.nanoTime(), -1 };
		await("deliveries").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
			long delivered = 0;
			long duplicated = 0;
			for (ChildJvm subscriber : subscribers) {
				String[] report = subscriber.ask("latency", "LATENCY ", BenchRig.ANSWER_TIMEOUT);
				delivered += Long.parseLong(report[1]);
				duplicated += Long.parseLong(report[2]);
			}
			counts[0] = delivered;
			counts[1] = duplicated;
			if (delivered != lastChange[1]) {
				lastChange[0] = System.nanoTime();
				lastChange[1] = delivered;
			}
			return delivered >= expected || System.nanoTime() - lastChange[0] > STALL.toNanos();
		});
		return counts;
	}

	/** CPU milliseconds so far of the instances, RabbitMQ and the clients. */
	private static long[] cpu(BenchRig rig) {
		long instances = rig.servers().stream().mapToLong(ChildJvm::cpuMillis).sum();
		long broker = (rig.broker() != null) ? ChildJvm.cpuMillis(BrokerFigures.of(rig.broker()).pid()) : 0;
		long clients = rig.clients().stream().mapToLong(ChildJvm::cpuMillis).sum();
		return new long[] { instances, broker, clients };
	}

}
