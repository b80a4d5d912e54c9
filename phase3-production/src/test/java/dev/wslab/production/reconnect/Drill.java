package dev.wslab.production.reconnect;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.production.cluster.ClusterClients;
import org.awaitility.core.ConditionTimeoutException;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.awaitility.Awaitility.await;

/**
 * A failure drill, Jepsen-style: bob's reconnecting client is on an instance that meets a
 * fault while alice sends, one message at a time, 200 numbered messages from another
 * instance. Bob's client reconnects to that other instance and renews its subscription
 * with {@code since}; the drill counts, by the numbers in the texts, what he was shown:
 * sent, delivered, lost, duplicated, the time from the fault to his new connection, and
 * how long the fault itself (a stop) took. Each run prints a line and appends a row to
 * {@code target/drills/<name>.md}.
 */
final class Drill implements AutoCloseable {

	static final int SENT = 200;

	/** The rate limit (3.5) raised, so that alice's 200 quick SENDs all count. */
	static final Map<String, Object> UNLIMITED = Map.of("wslab.limits.messages-per-second", 100_000,
			"wslab.limits.burst", 100_000);

	private final String exercise;

	private final String name;

	private final String hint;

	private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	/**
	 * A drill.
	 * @param exercise the exercise it grades, such as {@code 3.10}
	 * @param name such as {@code kill-one-instance}
	 * @param hint what to look at when something was lost
	 */
	Drill(String exercise, String name, String hint) {
		this.exercise = exercise;
		this.name = name;
		this.hint = hint;
	}

	/** Alice's sender for a room: paced by her own copy of each message. */
	static SenderSetup room(String room, String run) {
		return (alice) -> {
			FrameQueue echo = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			return (n) -> {
				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"" + run + " seq " + n + "\"}");
				// One at a time, paced by alice's own copy: a steady stream, no sleeps.
				echo.next(WAIT);
			};
		};
	}

	/** Alice's sender of private messages to bob, paced by a room of her own. */
	static SenderSetup privateToBob(String run) {
		String pace = ClusterClients.room("pace");
		return (alice) -> {
			FrameQueue echo = alice.subscribeWithReceipt("/topic/room." + pace, WAIT);
			return (n) -> {
				alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"" + run + " seq " + n + "\"}");
				// Paced by a round trip through a room of alice's own: bob may be away.
				alice.sendJson("/app/room." + pace + ".send", "{\"text\":\"pace\"}");
				echo.next(WAIT);
			};
		};
	}

	/**
	 * Runs the drill once.
	 * @param kind {@code room} or {@code private}, for the figures
	 * @param run the text that marks this run's messages
	 * @param destination what bob subscribes to
	 * @param victim bob's instance, which meets the fault
	 * @param survivor alice's instance, and bob's second endpoint
	 * @param setup alice's sender
	 * @param fault what happens to the victim once bob has seen a quarter
	 * @return the figures
	 */
	Figures run(String kind, String run, String destination, ConfigurableApplicationContext victim,
			ConfigurableApplicationContext survivor, SenderSetup setup, Consumer<ConfigurableApplicationContext> fault)
			throws Exception {
		return run(kind, run, destination, List.of(ws(victim), ws(survivor)), port(survivor), setup,
				() -> fault.accept(victim));
	}

	/**
	 * Runs the drill once, with bob's endpoints given: a proxy in front of both
	 * instances, say.
	 * @param kind {@code room} or {@code private}, for the figures
	 * @param run the text that marks this run's messages
	 * @param destination what bob subscribes to
	 * @param bobEndpoints where bob's client connects, in order; the first must reach the
	 * instance that meets the fault
	 * @param survivorPort alice's instance, which gives bob his token
	 * @param setup alice's sender
	 * @param fault what happens to bob's instance once bob has seen a quarter
	 * @return the figures
	 */
	Figures run(String kind, String run, String destination, List<URI> bobEndpoints, int survivorPort,
			SenderSetup setup, Runnable fault) throws Exception {
		Tally tally = new Tally(run);
		String survivorBase = "http://127.0.0.1:" + survivorPort;
		try (ReconnectingChatClient bob = new ReconnectingChatClient(bobEndpoints,
				() -> ClusterClients.token(survivorBase, "bob"), tally,
				new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(100), new Random(11)),
				Delays.on(this.reconnects)); StompTestSession alice = ClusterClients.connect(survivorPort, "alice")) {
			bob.start();
			await("bob connected to the instance that will meet the fault").atMost(WAIT).until(bob::isConnected);
			bob.subscribe(destination, null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
			Sender sender = setup.on(alice);

			Future<?> sending = this.senders.submit(() -> {
				for (int n = 0; n < SENT; n++) {
					sender.send(n);
				}
				return null;
			});
			await("bob shown a quarter of the messages").atMost(WAIT).until(() -> {
				bob.rethrowFailure();
				return tally.delivered() >= SENT / 4;
			});
			long faultAt = System.nanoTime();
			fault.run();
			long faultOver = System.nanoTime();
			sending.get(30, TimeUnit.SECONDS);
			long allSent = System.nanoTime();
			boolean complete = awaitQuietly(() -> tally.delivered() >= SENT);
			bob.rethrowFailure();
			long reconnected = tally.connectedAfter(faultAt);

			Figures figures = new Figures(this, kind, SENT, tally.delivered(), SENT - tally.delivered(),
					tally.duplicated(), (reconnected < 0) ? -1 : TimeUnit.NANOSECONDS.toMillis(reconnected - faultAt),
					TimeUnit.NANOSECONDS.toMillis(faultOver - faultAt),
					TimeUnit.NANOSECONDS.toMillis(allSent - faultAt), tally.endpoints(), tally.disconnections(),
					IntStream.range(0, SENT).filter((n) -> !tally.shown(n)).boxed().toList(), complete);
			figures.report();
			return figures;
		}
	}

	@Override
	public void close() {
		this.reconnects.shutdownNow();
		this.senders.shutdownNow();
	}

	static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	static URI ws(ConfigurableApplicationContext instance) {
		return URI.create("ws://127.0.0.1:" + port(instance) + "/ws/chat");
	}

	private static boolean awaitQuietly(Callable<Boolean> condition) {
		try {
			await().atMost(Duration.ofSeconds(15)).until(condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	/** Alice sends message number n and waits for its round trip. */
	@FunctionalInterface
	interface Sender {

		void send(int n);

	}

	/** Makes alice's sender, once she is connected. */
	@FunctionalInterface
	interface SenderSetup {

		Sender on(StompTestSession alice);

	}

	/** What one run counted. */
	record Figures(Drill drill, String kind, int sent, int delivered, int lost, int duplicated, long recoveredMillis,
			long faultMillis, long sendingAfterFaultMillis, List<String> connections, List<String> disconnections,
			List<Integer> missing, boolean complete) {

		String line() {
			return "[%s] drill %s (%s): sent %d, delivered %d, lost %d, duplicated %d, recovered in %d ms, stop took %d ms"
				.formatted(this.drill.exercise, this.drill.name, this.kind, this.sent, this.delivered, this.lost,
						this.duplicated, this.recoveredMillis, this.faultMillis);
		}

		String transcript() {
			return """
					%s: %s
					bob's connections: %s
					why they ended: %s
					numbers never shown: %s
					alice kept sending for %d ms after the fault
					(hint: %s)""".formatted(this.drill.exercise, line(), this.connections, this.disconnections,
					this.missing, this.sendingAfterFaultMillis, this.drill.hint);
		}

		void report() throws IOException {
			System.out.println(line());
			Path file = Path.of("target", "drills", this.drill.name + ".md");
			Files.createDirectories(file.getParent());
			Files.writeString(file,
					"| %s | %s | %d | %d | %d | %d | %d ms | %d ms |%n".formatted(LocalDate.now(), this.kind, this.sent,
							this.delivered, this.lost, this.duplicated, this.recoveredMillis, this.faultMillis),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}

	}

}
