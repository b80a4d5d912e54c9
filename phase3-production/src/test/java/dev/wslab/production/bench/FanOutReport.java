package dev.wslab.production.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes the fan-out benchmark's results file: one row per scenario with what was sent,
 * delivered, lost and duplicated, the latency percentiles beside the target, and
 * where the CPU went; then the method. A hand-written {@code ## Reading it} section
 * already in the file is kept.
 */
final class FanOutReport {

	private static final String READING = "## Reading it";

	private final int deliveriesPerSecond;

	private final int seconds;

	private final int warmupSeconds;

	private final Duration took;

	FanOutReport(int deliveriesPerSecond, int seconds, int warmupSeconds, Duration took) {
		this.deliveriesPerSecond = deliveriesPerSecond;
		this.seconds = seconds;
		this.warmupSeconds = warmupSeconds;
		this.took = took;
	}

	static String line(FanOutResult result) {
		if (result.failure() != null) {
			return result.failure();
		}
		return String.format(
				"%d messages, %d of %d delivered, %d lost, %d duplicated; p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
						+ "CPU s: instances %.1f, RabbitMQ %.1f, clients %.1f",
				result.messages(), result.delivered(), result.expected(), result.lost(), result.duplicated(),
				result.millis(50), result.millis(99), result.latencies().getMaxValue() / 1000.0,
				result.instanceCpuMillis() / 1000.0, result.brokerCpuMillis() / 1000.0,
				result.clientCpuMillis() / 1000.0);
	}

	/** The CPU the measured processes used, as a share of every core for the time. */
	private static double busy(FanOutResult result) {
		double used = (result.instanceCpuMillis() + result.brokerCpuMillis() + result.clientCpuMillis()) / 1000.0;
		return 100 * used / (result.seconds() * Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Writes the results file and its chart, {@code docs/images/fanout.svg} beside the
	 * {@code docs/benchmarks} directory the file is in.
	 * @param file the results file
	 * @param results the scenarios' figures
	 * @throws IOException if a file cannot be written
	 */
	void write(Path file, List<FanOutResult> results) throws IOException {
		String kept = ResultsFile.keptSection(file, READING);
		StringBuilder text = new StringBuilder("# Phase 3 capacity: fan-out latency on one room\n\n");
		text.append(String.format(
				"Measured %s on %d cores, Java %s; instances, RabbitMQ (Debian's 3.10) and clients on the same "
						+ "machine, over 127.0.0.1. %,d deliveries a second in every scenario, for %d s after %d s of "
						+ "warm-up. The whole run took %d s.%n%n",
				LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
				this.deliveriesPerSecond, this.seconds, this.warmupSeconds, this.took.toSeconds()));
		text.append("| | messages (a second) | deliveries expected | delivered | lost | duplicated | p50 (ms) ")
			.append("| p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) | target p99 | CPU s: instances / RabbitMQ / ")
			.append("clients | of the machine's CPU | load at start |\n")
			.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (FanOutResult result : results) {
			if (result.failure() != null) {
				text.append(String.format("| %s | %s | | | | | | | | | | | | | |%n", result.scenario().label(),
						result.failure()));
				continue;
			}
			int target = result.scenario().targetP99Millis();
			text.append(String.format(
					"| %s | %d (%.1f) | %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %.1f / %.1f / %.1f | %.0f %% | %s |%n",
					result.scenario().label(), result.messages(), result.perSecond(), result.expected(),
					result.delivered(), result.lost(), result.duplicated(), result.millis(50), result.millis(90),
					result.millis(99), result.millis(99.9), result.latencies().getMaxValue() / 1000.0,
					(target == 0) ? "-" : "<= " + target + " ms: " + ((result.millis(99) <= target) ? "met" : "missed"),
					result.instanceCpuMillis() / 1000.0, result.brokerCpuMillis() / 1000.0,
					result.clientCpuMillis() / 1000.0, busy(result), result.load()));
		}
		text.append("\n## Method\n\n")
			.append("- Each scenario gets fresh processes: a private RabbitMQ for the relay, the instances ")
			.append("(`CapacityServer`, as in the hold benchmark: ")
			.append(String.join(" ", BenchRig.SERVER_FLAGS))
			.append("), subscriber JVMs (`CapacityClient fanout`, ")
			.append(String.join(" ", BenchRig.CLIENT_FLAGS))
			.append(", at most 5,000 subscribers each, split evenly over the instances) and one sender JVM ")
			.append("on the first instance. Every subscriber is a STOMP connection with one SUBSCRIBE to ")
			.append("`/topic/fanout`; the sender SENDs to that destination, which the simple broker or RabbitMQ ")
			.append("(`amq.topic`, a queue per subscription) delivers to every subscriber.\n")
			.append("- Each message carries its number and the wall-clock time it was sent, in microseconds; a ")
			.append("subscriber records now minus that time in an HdrHistogram (3 significant digits). All the ")
			.append("processes read the same clock. A subscriber's second copy of a number is a duplicate; a ")
			.append("delivery still missing ")
			.append(15)
			.append(" s after the last one counted is lost.\n")
			.append("- The sender sends on a fixed-rate schedule: deliveries a second divided by subscribers, so ")
			.append("every scenario moves the same number of frames a second. The warm-up's deliveries are ")
			.append("counted and then reset. CPU time is read from `/proc/<pid>/stat` before and after the ")
			.append("measurement; the machine's share is that CPU time over the measurement's length times the ")
			.append("cores.\n")
			.append("- Run it: `./mvnw -q -Psolutions,capacity-fanout -pl phase3-production -am` (options: ")
			.append("`-Dscenarios=SIMPLE_1K,SIMPLE_10K,RELAY_1K,RELAY_1K_TWO,RELAY_10K_TWO` (default: all), ")
			.append("`-DdeliveriesPerSecond=5000`, `-Dseconds=30`, `-DwarmupSeconds=5`). It stops by itself ")
			.append("after `-DmaxMinutes` (30).\n");
		Path chart = file.toAbsolutePath().getParent().resolveSibling("images").resolve("fanout.svg");
		text.append("\n![Fan-out latency per scenario](../images/fanout.svg)\n\n")
			.append("The chart is `docs/images/fanout.svg`, drawn by `FanOutChart` from this run.\n");
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.createDirectories(chart.getParent());
		Files.writeString(file, text + kept);
		Files.writeString(chart, FanOutChart.svg(results));
	}

}
