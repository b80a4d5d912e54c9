package dev.wslab.production.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

import dev.wslab.kit.rabbitmq.RabbitMq;
import dev.wslab.kit.rabbitmq.RabbitMqBroker;
import dev.wslab.kit.redis.Redis;
import dev.wslab.kit.redis.RedisServer;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterChatApp;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.reconnect.Backoff;
import dev.wslab.production.reconnect.ChatListener;
import dev.wslab.production.reconnect.Delays;
import dev.wslab.production.reconnect.ReconnectingChatClient;
import org.awaitility.core.ConditionTimeoutException;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * A thundering herd, measured (issue 11), and written to
 * {@code docs/benchmarks/phase3-herd.md} with a chart, {@code docs/images/herd.svg}. It
 * is a benchmark, not a test: nothing here passes or fails.
 *
 * <p>
 * Method: two instances of the cluster chat in this JVM share the kit's real RabbitMQ
 * (through the relay) and Redis. For each round a fresh "victim" instance is started and
 * {@code -Dclients} of the workspace's {@link ReconnectingChatClient} (exercise 3.10)
 * connect to it, each with the endpoint list {@code [victim, survivor]}, so that its next
 * attempt after a loss goes to the survivor. Then the victim is closed as SIGTERM would
 * ({@code close()}), and each client's time from the start of that close to its CONNECTED
 * from the survivor is recorded. The rounds differ in the {@link Backoff}'s random source
 * (the chat's 0-1 s jitter, or a source that always gives 0) and in the drain (exercise
 * 3.11): off, the clients are cut off and wait out their backoff; on, they are asked to
 * move and come back at once.
 */
public final class HerdBenchmark {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

	private static final int BATCH = 25;

	private static final int WARMUP_ROUNDS = Integer.getInteger("warmupRounds", 1);

	private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(60);

	/** The per-address cap (3.6) and rate limits raised: every client is 127.0.0.1. */
	private static final Map<String, Object> LIMITS_RAISED = Map.of("wslab.limits.connections-per-ip", 100_000,
			"wslab.limits.messages-per-second", 100_000, "wslab.limits.burst", 100_000);

	private final int clients = Integer.getInteger("clients", 300);

	private final List<Round> rounds = Arrays.stream(System.getProperty("rounds", "all").split(","))
		.flatMap((name) -> name.equals("all") ? Arrays.stream(Round.values())
				: Arrays.stream(new Round[] { Round.valueOf(name) }))
		.toList();

	private final RabbitMqBroker broker = RabbitMq.shared();

	private final RedisServer redis = Redis.shared();

	private final String brokerPassword = UUID.randomUUID().toString();

	private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(4);

	private HerdBenchmark() {
		this.broker.addUser(ChatCluster.BROKER_USER, this.brokerPassword);
	}

	/**
	 * Runs the benchmark; it stops by itself after {@code -DmaxMinutes} (default 10).
	 * @param args the results file, then the chart, defaults
	 * {@code docs/benchmarks/phase3-herd.md} and {@code docs/images/herd.svg}
	 * @throws Exception if an instance cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Path out = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/phase3-herd.md");
		Path chart = Path.of(args.length > 1 ? args[1] : "docs/images/herd.svg");
		ResultsFile.stopAfterMaxMinutes(10);
		Instant start = Instant.now();
		HerdBenchmark benchmark = new HerdBenchmark();
		Map<Round, HerdResult> results = new LinkedHashMap<>();
		ConfigurableApplicationContext survivor = benchmark.launch("herd-survivor", Map.of());
		try {
			for (int i = 0; i < WARMUP_ROUNDS; i++) {
				// Not reported: the survivor's first herd would meet cold code (JIT,
				// pools).
				System.out.println("   warm-up: " + benchmark.measure(Round.DRAIN_OFF_NO_JITTER, survivor).summary());
			}
			for (Round round : benchmark.rounds) {
				System.out.println("== " + round.label);
				HerdResult result = benchmark.measure(round, survivor);
				System.out.println("   " + result.summary());
				results.put(round, result);
			}
		}
		finally {
			survivor.close();
			benchmark.delays.shutdownNow();
		}
		Duration took = Duration.between(start, Instant.now());
		new HerdReport(benchmark.clients, took).write(out, chart, results);
		System.out.println("Results written to " + out.toAbsolutePath() + " and " + chart.toAbsolutePath() + " in "
				+ took.toSeconds() + " s");
		System.exit(0);
	}

	private HerdResult measure(Round round, ConfigurableApplicationContext survivor) {
		ConfigurableApplicationContext victim = launch("herd-victim", Map.of("wslab.drain.enabled", round.drain));
		URI survivorUri = ws(survivor);
		String token = ClusterClients.token("http://127.0.0.1:" + port(survivor), "bob");
		List<ReconnectingChatClient> herd = new ArrayList<>();
		ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> cutOffs = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> attempts = new ConcurrentLinkedQueue<>();
		boolean victimClosed = false;
		try {
			for (int i = 0; i < this.clients; i++) {
				Timeline timeline = new Timeline(survivorUri, cutOffs, attempts, arrivals);
				RandomGenerator random = round.jitter ? new Random(i) : Zero.INSTANCE;
				ReconnectingChatClient client = new ReconnectingChatClient(List.of(ws(victim), survivorUri),
						() -> token, timeline, new Backoff(random), timeline.delays(this.delays));
				herd.add(client);
				client.start();
				if (herd.size() % BATCH == 0) {
					// In batches, so that no first attempt fails and moves to the
					// survivor early.
					await("a batch of clients connected to the victim").atMost(CONNECT_TIMEOUT)
						.pollInterval(Duration.ofMillis(50))
						.until(() -> herd.stream().allMatch(ReconnectingChatClient::isConnected));
				}
			}
			await("all " + this.clients + " clients connected to the victim").atMost(CONNECT_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> herd.stream().allMatch(ReconnectingChatClient::isConnected));
			if (!arrivals.isEmpty() || !attempts.isEmpty()) {
				throw new IllegalStateException("a client reached the survivor before the stop");
			}
			long stoppedAt = System.nanoTime();
			victim.close();
			victimClosed = true;
			long stopNanos = System.nanoTime() - stoppedAt;
			boolean all = true;
			try {
				await().atMost(RECONNECT_TIMEOUT)
					.pollInterval(Duration.ofMillis(100))
					.until(() -> arrivals.size() >= this.clients);
			}
			catch (ConditionTimeoutException ex) {
				all = false;
			}
			// Beyond the first connection and the one that reached the survivor.
			int made = herd.stream().mapToInt(ReconnectingChatClient::attempts).sum();
			int failed = made - this.clients - arrivals.size();
			return new HerdResult(round.label, toMillis(cutOffs, stoppedAt), toMillis(attempts, stoppedAt),
					toMillis(arrivals, stoppedAt), TimeUnit.NANOSECONDS.toMillis(stopNanos), failed, all);
		}
		finally {
			herd.forEach(ReconnectingChatClient::close);
			if (!victimClosed) {
				victim.close();
			}
		}
	}

	private static long[] toMillis(ConcurrentLinkedQueue<Long> nanos, long since) {
		return nanos.stream().mapToLong((at) -> TimeUnit.NANOSECONDS.toMillis(at - since)).sorted().toArray();
	}

	/**
	 * Starts an instance in this JVM, as {@code ChatCluster} does, with raised limits.
	 */
	private ConfigurableApplicationContext launch(String name, Map<String, Object> overrides) {
		Map<String, Object> properties = new LinkedHashMap<>(Map.ofEntries(Map.entry("server.port", 0),
				Map.entry("wslab.cluster.instance", name), Map.entry("wslab.chat.jwt.secret", ChatCluster.SECRET),
				Map.entry("wslab.chat.allowed-origins", ChatCluster.PAGE_ORIGIN),
				Map.entry("wslab.broker.host", this.broker.host()),
				Map.entry("wslab.broker.stomp-port", this.broker.stompPort()),
				Map.entry("wslab.broker.login", ChatCluster.BROKER_USER),
				Map.entry("wslab.broker.passcode", this.brokerPassword),
				Map.entry("wslab.broker.virtual-host", this.broker.virtualHost()),
				Map.entry("spring.data.redis.host", this.redis.host()),
				Map.entry("spring.data.redis.port", this.redis.port()),
				Map.entry("spring.data.redis.password", this.redis.password())));
		properties.putAll(LIMITS_RAISED);
		properties.putAll(overrides);
		String[] arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(ClusterChatApp.class).run(arguments);
	}

	private static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	private static URI ws(ConfigurableApplicationContext instance) {
		return URI.create("ws://127.0.0.1:" + port(instance) + "/ws/chat");
	}

	/** The variants, each a fresh victim with the same number of clients. */
	enum Round {

		DRAIN_OFF_JITTER("drain off, jitter 0-1 s", false, true),

		DRAIN_OFF_NO_JITTER("drain off, no jitter", false, false),

		DRAIN_ON_JITTER("drain on, jitter 0-1 s", true, true),

		DRAIN_ON_NO_JITTER("drain on, no jitter", true, false);

		final String label;

		final boolean drain;

		final boolean jitter;

		Round(String label, boolean drain, boolean jitter) {
			this.label = label;
			this.drain = drain;
			this.jitter = jitter;
		}

	}

	/** "Without jitter": a random source that always gives 0. */
	private static final class Zero implements RandomGenerator {

		static final Zero INSTANCE = new Zero();

		@Override
		public long nextLong() {
			return 0;
		}

		@Override
		public long nextLong(long bound) {
			return 0;
		}

	}

	/**
	 * One client's first end of connection, first reconnection attempt (when its backoff
	 * ran out) and first CONNECTED from the survivor.
	 */
	private static final class Timeline implements ChatListener {

		private final URI survivor;

		private final ConcurrentLinkedQueue<Long> cutOffs;

		private final ConcurrentLinkedQueue<Long> attempts;

		private final ConcurrentLinkedQueue<Long> arrivals;

		private final AtomicBoolean cutOff = new AtomicBoolean();

		private final AtomicBoolean attempted = new AtomicBoolean();

		private final AtomicBoolean arrived = new AtomicBoolean();

		Timeline(URI survivor, ConcurrentLinkedQueue<Long> cutOffs, ConcurrentLinkedQueue<Long> attempts,
				ConcurrentLinkedQueue<Long> arrivals) {
			this.survivor = survivor;
			this.cutOffs = cutOffs;
			this.attempts = attempts;
			this.arrivals = arrivals;
		}

		/**
		 * The client's delays: only reconnections go through them, not its first connect.
		 * The attempt runs on a virtual thread of its own, as if each client were alone:
		 * a slow attempt never holds back another client's timer.
		 */
		Delays delays(ScheduledExecutorService executor) {
			Delays scheduled = Delays.on(executor);
			return (delay, task) -> scheduled.after(delay, () -> {
				if (this.attempted.compareAndSet(false, true)) {
					this.attempts.add(System.nanoTime());
				}
				Thread.ofVirtual().name("herd-attempt").start(task);
			});
		}

		@Override
		public void message(String destination, String id, String json) {
		}

		@Override
		public void connected(URI endpoint) {
			if (endpoint.equals(this.survivor) && this.arrived.compareAndSet(false, true)) {
				this.arrivals.add(System.nanoTime());
			}
		}

		@Override
		public void disconnected(String reason) {
			if (this.cutOff.compareAndSet(false, true)) {
				this.cutOffs.add(System.nanoTime());
			}
		}

	}

}
