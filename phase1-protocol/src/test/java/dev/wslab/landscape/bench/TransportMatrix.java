package dev.wslab.landscape.bench;

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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.nginx.Nginx;
import dev.wslab.kit.nginx.NginxConfig;
import dev.wslab.kit.nginx.NginxProxy;

import static org.awaitility.Awaitility.await;

/**
 * The trade-off harness: the same scenario (N events at R per second to C clients) over
 * SSE, WebSocket, long polling and short polling, directly and through a real Nginx with
 * and without proxy buffering. It writes {@code target/landscape/matrix.md} and
 * {@code matrix.svg}. It is a measurement, not a test.
 */
public final class TransportMatrix {

	/** The transports compared. */
	enum Kind {

		/** Server-sent events. */
		SSE,

		/** WebSocket on the Phase 1 server. */
		WEBSOCKET,

		/** Long polling. */
		LONG_POLLING,

		/** Short polling every 500 ms. */
		SHORT_POLLING

	}

	/** How the clients reach the server. */
	enum Route {

		/** Straight to the server. */
		DIRECT("direct"),

		/**
		 * Through Nginx with its default proxy buffering, and no header from the server.
		 */
		NGINX_BUFFERED("Nginx, buffering on (the pitfall)"),

		/** Through Nginx, the server sending X-Accel-Buffering: no on event streams. */
		NGINX_FIXED("Nginx, X-Accel-Buffering: no (the fix)");

		final String label;

		Route(String label) {
			this.label = label;
		}

	}

	record Row(Kind kind, Route route, int clients, double upPerEvent, double downPerEvent, double p50Ms, double p99Ms,
			long connections, long requests, long lost, long duplicated, double cpuMs, long heapBytes) {
	}

	private final int events = Integer.getInteger("events", 300);

	private final int rate = Integer.getInteger("rate", 50);

	private final int clients = Integer.getInteger("clients", 20);

	private TransportMatrix() {
	}

	/**
	 * Runs the harness.
	 * @param args the output directory, default {@code target/landscape}
	 * @throws Exception if something cannot start
	 */
	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "target/landscape");
		TransportMatrix matrix = new TransportMatrix();
		List<Row> rows = matrix.run();
		Files.createDirectories(out);
		Files.writeString(out.resolve("matrix.md"),
				MatrixReport.markdown(rows, LocalDate.now(), matrix.events, matrix.rate));
		Files.writeString(out.resolve("matrix.svg"), MatrixReport.svg(rows));
		System.out.println("Matrix written to " + out.toAbsolutePath().resolve("matrix.md"));
		System.exit(0);
	}

	private List<Row> run() throws Exception {
		List<Row> rows = new ArrayList<>();
		for (Route route : Route.values()) {
			for (Kind kind : Kind.values()) {
				if (route != Route.DIRECT && kind == Kind.SHORT_POLLING) {
					continue;
				}
				Row row = measure(kind, route);
				rows.add(row);
				System.out.printf(
						"%-14s %-40s up %6.1f B/event, down %6.1f B/event, p50 %7.1f ms, p99 %7.1f ms, lost %d, dup %d%n",
						kind, route.label, row.upPerEvent(), row.downPerEvent(), row.p50Ms(), row.p99Ms(), row.lost(),
						row.duplicated());
			}
		}
		return rows;
	}

	private Row measure(Kind kind, Route route) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
				"-Xmx512m", "-cp", System.getProperty("java.class.path"), FeedBenchServer.class.getName()));
		if (route == Route.NGINX_BUFFERED) {
			command.add("buffering");
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		PrintWriter input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		NginxProxy nginx = null;
		try {
			String[] ready = awaitLine(output, "READY ").split(" ");
			int httpPort = Integer.parseInt(ready[1]);
			int wsPort = Integer.parseInt(ready[2]);
			if (route != Route.DIRECT) {
				nginx = Nginx.start(NginxConfig.fromClasspath("nginx/feed-proxy.conf")
					.upstream("http", httpPort)
					.upstream("ws", wsPort));
				httpPort = nginx.port();
				wsPort = nginx.port();
			}
			input.println("stats");
			long[] before = stats(output);
			List<FeedClient> feedClients = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.events / this.rate + 20);
			try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<?>> running = new ArrayList<>();
				for (int i = 0; i < this.clients; i++) {
					FeedClient client = new FeedClient(kind, httpPort, wsPort, this.events);
					feedClients.add(client);
					running.add(threads.submit(() -> {
						client.run(deadline);
						return null;
					}));
				}
				// Publish once every client has connected, so all of them can follow from
				// event 0.
				await().atMost(Duration.ofSeconds(10))
					.until(() -> feedClients.stream().allMatch((client) -> client.connections.sum() > 0));
				input.println("publish " + this.events + " " + this.rate);
				awaitLine(output, "PUBLISHED");
				for (Future<?> future : running) {
					future.get();
				}
			}
			input.println("stats");
			long[] after = stats(output);
			return row(kind, route, feedClients, (after[0] - before[0]) / 1e6, after[1]);
		}
		finally {
			input.println("quit");
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			if (nginx != null) {
				nginx.stop();
			}
		}
	}

	private Row row(Kind kind, Route route, List<FeedClient> feedClients, double cpuMs, long heap) {
		long up = 0;
		long down = 0;
		long connections = 0;
		long requests = 0;
		long lost = 0;
		long duplicated = 0;
		long delivered = 0;
		List<Long> latencies = new ArrayList<>();
		for (FeedClient client : feedClients) {
			up += client.sent.sum();
			down += client.received.sum();
			connections += client.connections.sum();
			requests += client.requests.sum();
			lost += this.events - client.ids.size();
			duplicated += client.deliveries - client.ids.size();
			delivered += client.ids.size();
			latencies.addAll(client.latenciesMicros);
		}
		latencies.sort(null);
		return new Row(kind, route, feedClients.size(), up / (double) Math.max(1, delivered),
				down / (double) Math.max(1, delivered), percentile(latencies, 0.5) / 1000.0,
				percentile(latencies, 0.99) / 1000.0, connections, requests, lost, duplicated, cpuMs, heap);
	}

	private static long percentile(List<Long> sorted, double p) {
		return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
	}

	private static long[] stats(BufferedReader output) throws IOException {
		String[] parts = awaitLine(output, "STATS ").split(" ");
		return new long[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]) };
	}

	private static String awaitLine(BufferedReader output, String prefix) throws IOException {
		for (String line; (line = output.readLine()) != null;) {
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		throw new IOException("the feed server ended before printing " + prefix);
	}

}
