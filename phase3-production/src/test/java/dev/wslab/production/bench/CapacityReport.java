package dev.wslab.production.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.management.OperatingSystemMXBean;
import dev.wslab.production.bench.CapacityBenchmark.Step;
import dev.wslab.production.bench.CapacityBenchmark.Variant;

/**
 * Writes the capacity benchmark's results file: the machine, the cost per idle connection
 * beside the curriculum's figures and the target, every step, the heap breakdown
 * and the method. A hand-written {@code ## Reading it} section already in the file is
 * kept.
 */
final class CapacityReport {

	private static final String READING = "## Reading it";

	private static final double KB = 1024;

	private static final double TARGET_HEAP_KB = 60;

	private final List<String> serverFlags;

	private final List<String> clientFlags;

	private final int warmup;

	private final Duration took;

	CapacityReport(List<String> serverFlags, List<String> clientFlags, int warmup, Duration took) {
		this.serverFlags = serverFlags;
		this.clientFlags = clientFlags;
		this.warmup = warmup;
		this.took = took;
	}

	void write(Path file, Map<Variant, List<Step>> results, Map<Variant, List<HeapShare>> shares) throws IOException {
		String kept = ResultsFile.keptSection(file, READING);
		StringBuilder text = new StringBuilder("# Phase 3 capacity: memory per idle connection\n\n");
		text.append(machine()).append("\n\n");
		summary(text, results);
		steps(text, results);
		breakdown(text, shares);
		method(text);
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, text + kept);
	}

	private String machine() {
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return String.format(
				"Measured %s on %d cores (%s), %.0f GB of RAM, Linux %s, Java %s; servers and clients on the same "
						+ "machine, over 127.0.0.1, with other builds running. The whole run took %d s.",
				LocalDate.now(), Runtime.getRuntime().availableProcessors(), cpu(), os.getTotalMemorySize() / 1e9,
				System.getProperty("os.version"), Runtime.version(), this.took.toSeconds());
	}

	private void summary(StringBuilder text, Map<Variant, List<Step>> results) {
		text.append("| | heap per idle connection (KB) | RSS per idle connection (KB) | held at the last step ")
			.append("| permessage-deflate agreed | curriculum | target |\n")
			.append("| --- | --- | --- | --- | --- | --- | --- |\n");
		results.forEach((variant, steps) -> {
			LeastSquares heap = LeastSquares.fit(steps, Step::held, Step::heap);
			LeastSquares rss = LeastSquares.fit(steps, Step::held, Step::rss);
			Step last = steps.get(steps.size() - 1);
			String target = variant.target;
			if (!variant.target.equals("-")) {
				target += (heap.slope() / KB <= TARGET_HEAP_KB) ? ": met" : ": missed";
			}
			text.append(String.format("| %s | %.1f (R² %.3f) | %.1f (R² %.3f) | %d | %d | %s | %s |%n", variant.label,
					heap.slope() / KB, heap.r2(), rss.slope() / KB, rss.r2(), last.held(), last.deflate(),
					variant.curriculum, target));
		});
		text.append("\n1 KB = 1024 bytes. Each figure is the slope of a least-squares line through the steps below ")
			.append("(R² 1 is a straight line).\n\n");
	}

	private void steps(StringBuilder text, Map<Variant, List<Step>> results) {
		text.append("## Steps\n\n| | connections held | failed | deflate agreed | heap after full GC (MB) ")
			.append("| VmRSS (MB) |\n| --- | --- | --- | --- | --- | --- |\n");
		results.forEach((variant, steps) -> steps
			.forEach((step) -> text.append(String.format("| %s | %d | %d | %d | %.1f | %.1f |%n", variant.label,
					step.held(), step.failed(), step.deflate(), step.heap() / (KB * KB), step.rss() / (KB * KB)))));
		text.append('\n');
	}

	private void breakdown(StringBuilder text, Map<Variant, List<HeapShare>> shares) {
		text.append("## Where the heap goes\n\n")
			.append("The classes that grew most between the class histograms (`GC.class_histogram`) at the first ")
			.append("and the last step, per connection opened between them.\n");
		shares.forEach((variant, top) -> {
			text.append("\n### ")
				.append(variant.label)
				.append("\n\n| class | instances per connection | bytes per connection |\n")
				.append("| --- | --- | --- |\n");
			top.forEach((share) -> text
				.append(String.format("| `%s` | %.2f | %.0f |%n", share.type(), share.instances(), share.bytes())));
		});
		text.append('\n');
	}

	private void method(StringBuilder text) {
		text.append("## Method\n\n")
			.append("- Each variant gets a fresh server JVM (")
			.append(String.join(" ", this.serverFlags))
			.append(") and a fresh client JVM (")
			.append(String.join(" ", this.clientFlags))
			.append("), one variant after the other. The clients are in their own process, so their descriptors ")
			.append("do not count against the server's 20,000.\n")
			.append("- Servers (`CapacityServer`): a STOMP endpoint on Spring's simple broker, on Spring MVC and ")
			.append("Tomcat, with no security and no application state; and a raw WebFlux `WebSocketHandler` on ")
			.append("Reactor Netty that reads and ignores.\n")
			.append("- Tuning, where a variant has it: ")
			.append(Arrays.stream(Variant.values())
				.filter((variant) -> !variant.tuning.isEmpty())
				.map((variant) -> variant.label + ": `" + String.join(" ", variant.tuning) + "`")
				.collect(Collectors.joining("; ")))
			.append(" (`--bench.*` are `CapacityServer`'s settings: Tomcat's message buffers through ")
			.append("`ServletServerContainerFactoryBean`, and the connector's `socket.appReadBufSize` and ")
			.append("`socket.appWriteBufSize`).\n")
			.append("- Clients (`CapacityClient`): Spring's `WebSocketStompClient` over `StandardWebSocketClient` ")
			.append("(Tomcat's client). A STOMP connection is the handshake, CONNECT with heart-beats 0,0, and one ")
			.append("SUBSCRIBE; then it is silent. With deflate on, the client offers `permessage-deflate` ")
			.append("(RFC 7692) and the table counts the handshakes whose response agreed to it. WebFlux gets the ")
			.append("handshake only.\n")
			.append("- Warm-up: ")
			.append(this.warmup)
			.append(" connections opened and closed before the first step, so one-off class loading and caches ")
			.append("are not charged to the connections.\n")
			.append("- Each step waits until the server has counted every connection (and every SUBSCRIBE), then ")
			.append("the server reports its heap used after three `System.gc()`, and the benchmark reads its VmRSS from `/proc/<pid>/status`. ")
			.append("RSS includes heap pages the collector touched and kept, so it is not a second heap figure.\n")
			.append("- Run it: `./mvnw -q -Psolutions,capacity -pl phase3-production -am` ")
			.append("(options: `-Dsteps=0,1000,2000,4000`, `-Dvariants=TOMCAT_STOMP,WEBFLUX` (default: all), ")
			.append("`-DserverHeap=2g`, `-DperClientProcess=5000`, `-Dwarmup=200`). It stops by itself after ")
			.append("`-DmaxMinutes` (10).\n");
	}

	private static String cpu() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

}
