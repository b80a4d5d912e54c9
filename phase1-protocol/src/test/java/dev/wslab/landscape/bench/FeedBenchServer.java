package dev.wslab.landscape.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.OperatingSystemMXBean;
import dev.wslab.landscape.feed.FeedConfig;
import dev.wslab.landscape.feed.FeedServer;

/**
 * The feed server in its own JVM for the trade-off harness. Commands on standard input:
 * {@code publish <count> <perSecond>} publishes the scenario's events, {@code stats}
 * prints CPU time, heap after GC and RSS, {@code quit} stops.
 */
public final class FeedBenchServer {

	private FeedBenchServer() {
	}

	/**
	 * Entry point.
	 * @param args {@code buffering} to leave proxy buffering alone (no X-Accel-Buffering
	 * header)
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		boolean fix = !(args.length > 0 && args[0].equals("buffering"));
		FeedServer server = FeedServer
			.start(FeedConfig.quiet(100_000, Duration.ofSeconds(25)).withProxyBufferingDisabled(fix));
		System.out.println("READY " + server.httpPort() + " " + server.websocketPort());
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line; (line = in.readLine()) != null;) {
			String[] parts = line.split(" ");
			switch (parts[0]) {
				case "publish" -> {
					int count = Integer.parseInt(parts[1]);
					long interval = 1_000_000_000L / Integer.parseInt(parts[2]);
					long start = System.nanoTime();
					for (int i = 1; i <= count; i++) {
						LockSupport.parkNanos(start + i * interval - System.nanoTime());
						java.time.Instant now = java.time.Instant.now();
						server.publish("tick",
								"event " + i + "\nat " + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
					}
					System.out.println("PUBLISHED");
				}
				case "stats" -> System.out.println("STATS " + cpuNanos() + " " + heap() + " " + rss());
				case "quit" -> {
					server.close();
					System.exit(0);
				}
				default -> System.out.println("? " + line);
			}
		}
	}

	private static long cpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static long heap() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long rss() throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
			}
		}
		return -1;
	}

}
