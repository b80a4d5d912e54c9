package dev.wslab.production.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import dev.wslab.production.bench.HerdBenchmark.Round;

/**
 * Writes the herd benchmark's results file (the machine, the figures per round and the
 * histogram) and its chart, an SVG bar chart drawn as plain text. A section headed
 * {@link #READING} in the old file, written by a person, is kept.
 */
final class HerdReport {

	static final String READING = "## Reading";

	/** The histogram's bucket. */
	static final long BUCKET_MILLIS = Long.getLong("bucket", 250);

	private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e" };

	private final int clients;

	private final Duration took;

	HerdReport(int clients, Duration took) {
		this.clients = clients;
		this.took = took;
	}

	void write(Path file, Path chart, Map<Round, HerdResult> results) throws IOException {
		String kept = ResultsFile.keptSection(file, READING);
		List<HerdResult> rounds = List.copyOf(results.values());
		int buckets = buckets(rounds);
		StringBuilder text = new StringBuilder("# Phase 3: a thundering herd, measured\n\n");
		text.append(machine()).append("\n\n");
		summary(text, rounds);
		histogram(text, rounds, buckets);
		method(text);
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, text + kept);
		Files.createDirectories(chart.toAbsolutePath().getParent());
		Files.writeString(chart, svg(rounds, buckets, this.clients));
	}

	private static int buckets(List<HerdResult> rounds) {
		long latest = rounds.stream().mapToLong(HerdResult::latest).max().orElse(0);
		return (int) (latest / BUCKET_MILLIS) + 1;
	}

	private String machine() {
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return String.format(
				"Measured %s with %d clients on %d cores (%s), %.0f GB of RAM, Linux %s, Java %s; the instances, "
						+ "RabbitMQ, Redis and the clients on the same machine, over 127.0.0.1, with other builds "
						+ "running. The whole run took %d s.",
				LocalDate.now(), this.clients, Runtime.getRuntime().availableProcessors(), cpu(),
				os.getTotalMemorySize() / 1e9, System.getProperty("os.version"), Runtime.version(),
				this.took.toSeconds());
	}

	private void summary(StringBuilder text, List<HerdResult> rounds) {
		text.append("All times are from the start of the victim's `close()`. An attempt is a client's first ")
			.append("reconnection attempt, when its backoff ran out (the herd as the clients make it); a ")
			.append("CONNECTED is the surviving instance's answer to it (the herd as the server bore it).\n\n")
			.append("| round | cut off | attempts p50 / p90 / max | attempts, peak per 100 ms ")
			.append("| reached the survivor | CONNECTED p50 / p90 / max | CONNECTEDs, peak per 100 ms ")
			.append("| failed attempts | stop took |\n")
			.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (HerdResult round : rounds) {
			long[] cut = round.cutOffs();
			String cutOffs = (cut.length == 0) ? "-" : cut[0] + "-" + cut[cut.length - 1] + " ms";
			text.append("| %s | %s | %s | %d | %d of %d | %s | %d | %d | %d ms |%n".formatted(round.label(), cutOffs,
					spread(round.attempts()), HerdResult.peak(round.attempts(), 100), round.reconnects().length,
					this.clients, spread(round.reconnects()), HerdResult.peak(round.reconnects(), 100), round.failed(),
					round.stopMillis()));
		}
		text.append("\nPeaks are the most events in any 100 ms window (sliding). A CONNECTED is counted as ")
			.append("the client received it: a CONNECT the survivor accepted, its relay session to RabbitMQ ")
			.append("opened.\n\n");
	}

	private static String spread(long[] sorted) {
		return "%d / %d / %d ms".formatted(HerdResult.percentile(sorted, 50), HerdResult.percentile(sorted, 90),
				HerdResult.max(sorted));
	}

	private static void histogram(StringBuilder text, List<HerdResult> rounds, int buckets) {
		text.append("## Histogram\n\nClients per ")
			.append(BUCKET_MILLIS)
			.append(" ms after the stop began: their first attempt (A) and their CONNECTED from the survivor (C). ")
			.append("Empty rows are left out.\n\n| after the stop |");
		rounds.forEach((round) -> text.append(" A: ")
			.append(round.label())
			.append(" | C: ")
			.append(round.label())
			.append(" |"));
		text.append("\n| ---").append(" | --- | ---".repeat(rounds.size())).append(" |\n");
		List<int[]> counts = rounds.stream()
			.flatMap((round) -> java.util.stream.Stream.of(
					HerdResult.histogram(round.attempts(), BUCKET_MILLIS, buckets),
					HerdResult.histogram(round.reconnects(), BUCKET_MILLIS, buckets)))
			.toList();
		for (int b = 0; b < buckets; b++) {
			int bucket = b;
			if (counts.stream().allMatch((c) -> c[bucket] == 0)) {
				continue;
			}
			text.append("| %d-%d ms |".formatted(b * BUCKET_MILLIS, (b + 1) * BUCKET_MILLIS));
			counts.forEach((c) -> text.append(' ').append(c[bucket]).append(" |"));
			text.append('\n');
		}
		text.append('\n');
	}

	private void method(StringBuilder text) {
		text.append(
				"""
						## Method

						`HerdBenchmark` (phase3-production's `bench` package) starts, in one JVM, a surviving instance \
						of the cluster chat and, for each round, a fresh victim instance, both on the kit's real \
						RabbitMQ (through the STOMP relay) and Redis, with the per-address connection cap and rate \
						limits raised (every client is 127.0.0.1). %d clients, each the workspace's \
						`ReconnectingChatClient` (exercise 3.10) with the chat's `Backoff` (exercise 3.9: 500 ms base, \
						doubling, 30 s cap), connect to the victim with the endpoint list `[victim, survivor]`, so that \
						the attempt after a loss goes to the survivor. No client subscribes or sends: what is measured \
						is the reconnection itself. Then the victim is closed as SIGTERM would (`close()` on its \
						context). From the start of that close, each client's first notice of the end (cut off), its \
						first reconnection attempt (when its backoff delay ran out; each attempt then runs on a virtual \
						thread of its own, so that one slow attempt holds back no other client's timer) and its \
						CONNECTED from the survivor are timed. Everything runs in one JVM on one machine: \
						the stopping victim, the survivor and the clients compete for the same CPU, so the \
						CONNECTED times are an upper bound on what a survivor on a machine of its own would take.

						- "jitter 0-1 s": each client's `Backoff` draws its jitter from a `java.util.Random` of its own.
						- "no jitter": the random source always gives 0, so each wait is exactly 500 ms.
						- "drain off" (`wslab.drain.enabled=false`): Spring's own stop; Tomcat closes the sockets with \
						1001 when the web server stops, and each client waits out its backoff.
						- "drain on": exercise 3.11's `DrainingShutdown` refuses new handshakes and asks every client \
						to move (ERROR `server-restart`, close 1012); `ReconnectingChatClient` then reconnects at once, \
						without a backoff wait and so without jitter.

						Before the rounds, one unreported warm-up round (drain off, no jitter; `-DwarmupRounds`) gives \
						the survivor its first herd, so that no reported round meets cold code. Each round waits at most 120 s for the herd to connect and 60 s for it to reach the survivor, \
						and the JVM halts itself after `-DmaxMinutes`. Run it with:

						```
						nice -n 19 ./mvnw -o -q -Psolutions,herd -pl phase3-production -am
						```

						Options: `-Dclients` (300), `-Drounds` (all, or names from `HerdBenchmark.Round`), \
						`-Dbucket` (ms, 250), `-DmaxMinutes` (10), `-DherdReport` and `-DherdChart` (where to write). \
						The chart is `docs/images/herd.svg`, drawn by `HerdReport`.

						"""
					.formatted(this.clients));
	}

	/**
	 * Two grouped bar charts, one above the other: the attempts, then the CONNECTEDs; one
	 * group per bucket, one bar per round, on the same scale.
	 */
	static String svg(List<HerdResult> rounds, int buckets, int clients) {
		int left = 50;
		int panelHeight = 200;
		int groupWidth = Math.max(Math.max(12, 6 * rounds.size() + 2), 640 / Math.max(1, buckets));
		int plotWidth = buckets * groupWidth;
		int width = Math.max(Math.max(left + plotWidth + 20, left + rounds.size() * 170), 560);
		int height = 2 * (panelHeight + 60) + 70;
		List<int[]> attempts = rounds.stream()
			.map((round) -> HerdResult.histogram(round.attempts(), BUCKET_MILLIS, buckets))
			.toList();
		List<int[]> connected = rounds.stream()
			.map((round) -> HerdResult.histogram(round.reconnects(), BUCKET_MILLIS, buckets))
			.toList();
		int highest = java.util.stream.Stream.concat(attempts.stream(), connected.stream())
			.flatMapToInt(java.util.Arrays::stream)
			.max()
			.orElse(1);
		int scaleTop = niceCeiling(Math.max(1, highest));
		StringBuilder svg = new StringBuilder();
		svg.append("""
				<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" \
				font-family="sans-serif" font-size="11">
				<rect width="100%%" height="100%%" fill="white"/>
				""".formatted(width, height, width, height));
		panel(svg, "Reconnection attempts per %d ms after the instance stopped (%d clients)".formatted(BUCKET_MILLIS,
				clients), attempts, 30, left, panelHeight, groupWidth, plotWidth, buckets, scaleTop);
		panel(svg, "CONNECTED from the surviving instance per %d ms".formatted(BUCKET_MILLIS), connected,
				30 + panelHeight + 60, left, panelHeight, groupWidth, plotWidth, buckets, scaleTop);
		for (int r = 0; r < rounds.size(); r++) {
			int x = left + r * 170;
			int y = height - 14;
			svg.append("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n".formatted(x, y - 9,
					COLOURS[r % COLOURS.length]));
			svg.append("<text x=\"%d\" y=\"%d\">%s</text>%n".formatted(x + 14, y, rounds.get(r).label()));
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void panel(StringBuilder svg, String title, List<int[]> series, int titleY, int left, int plotHeight,
			int groupWidth, int plotWidth, int buckets, int scaleTop) {
		int top = titleY + 14;
		svg.append("<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>%n".formatted(left, titleY, title));
		for (int tick = 0; tick <= 4; tick++) {
			int value = scaleTop * tick / 4;
			int y = top + plotHeight - plotHeight * tick / 4;
			svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n".formatted(left, y,
					left + plotWidth, y));
			svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>%n".formatted(left - 4, y + 4, value));
		}
		int barWidth = Math.max(2, (groupWidth - 2) / Math.max(1, series.size()));
		for (int r = 0; r < series.size(); r++) {
			int[] counts = series.get(r);
			for (int b = 0; b < buckets; b++) {
				if (counts[b] == 0) {
					continue;
				}
				int barHeight = Math.max(1, (int) Math.round((double) plotHeight * counts[b] / scaleTop));
				int x = left + b * groupWidth + 1 + r * barWidth;
				svg.append(
						"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%d-%d ms: %d</title></rect>%n"
							.formatted(x, top + plotHeight - barHeight, barWidth, barHeight,
									COLOURS[r % COLOURS.length], b * BUCKET_MILLIS, (b + 1) * BUCKET_MILLIS,
									counts[b]));
			}
		}
		svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n".formatted(left,
				top + plotHeight, left + plotWidth, top + plotHeight));
		int every = Math.max(1, (int) Math.ceil(45.0 / groupWidth));
		for (int b = 0; b <= buckets; b += every) {
			svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>%n".formatted(left + b * groupWidth,
					top + plotHeight + 14, b * BUCKET_MILLIS));
		}
		svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">ms after the stop began</text>%n"
			.formatted(left + plotWidth / 2, top + plotHeight + 30));
	}

	private static int niceCeiling(int value) {
		int step = 1;
		while (step * 10 < value) {
			step *= 10;
		}
		for (int factor : new int[] { 1, 2, 5, 10 }) {
			if (step * factor >= value) {
				return step * factor;
			}
		}
		return step * 10;
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
