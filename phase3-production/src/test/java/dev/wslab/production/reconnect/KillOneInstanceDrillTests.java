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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure drill 1 (issue 11), graded for exercise 3.10: bob's reconnecting client is on
 * an instance that is stopped while alice sends, one message at a time, 200 numbered
 * messages from another instance. His client reconnects to that other instance, renews
 * its subscription with {@code since}, and the drill counts, by the numbers in the texts,
 * what he was shown: sent, delivered, lost, duplicated, and the time from the stop to the
 * new connection.
 *
 * <p>
 * The stop is {@code ConfigurableApplicationContext.close()} on an instance in this JVM:
 * a graceful stop (Spring closes the WebSockets, with 1001), not a {@code kill -9}. Both
 * instances are apart from the shared cluster, so other graders' instances stay up, and
 * have the rate limit of 3.5 raised out of the way of 200 quick SENDs.
 */
@Grades("3.10")
class KillOneInstanceDrillTests {

	private static final int SENT = 200;

	/** The rate limit (3.5) raised, so that alice's 200 SENDs all count. */
	private static final Map<String, Object> UNLIMITED = Map.of("wslab.limits.messages-per-second", 100_000,
			"wslab.limits.burst", 100_000);

	static ChatCluster cluster;

	static ConfigurableApplicationContext survivor;

	private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private ConfigurableApplicationContext victim;

	@BeforeAll
	static void startSurvivor() {
		cluster = ChatCluster.shared();
		survivor = cluster.startApart("drill-survivor", UNLIMITED);
	}

	@AfterAll
	static void stopSurvivor() {
		survivor.close();
	}

	@AfterEach
	void stopVictim() {
		this.reconnects.shutdownNow();
		this.senders.shutdownNow();
		if (this.victim != null) {
			this.victim.close();
		}
	}

	@Test
	void losesNoRoomMessageWhenItsInstanceStops() throws Exception {
		String room = ClusterClients.room("drill");
		String run = room;
		Figures figures = drill("room", run, "/topic/room." + room, (alice) -> {
			FrameQueue echo = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			return (n) -> {
				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"" + run + " seq " + n + "\"}");
				// One at a time, paced by alice's own copy: a steady stream, no sleeps.
				echo.next(WAIT);
			};
		});

		assertThat(figures.lost()).as(figures.transcript()).isZero();
		assertThat(figures.duplicated()).as(figures.transcript()).isZero();
	}

	@Test
	void losesNoPrivateMessageWhenItsInstanceStops() throws Exception {
		String pace = ClusterClients.room("pace");
		String run = ClusterClients.room("private");
		Figures figures = drill("private", run, "/user/queue/messages", (alice) -> {
			FrameQueue echo = alice.subscribeWithReceipt("/topic/room." + pace, WAIT);
			return (n) -> {
				alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"" + run + " seq " + n + "\"}");
				// Paced by a round trip through a room of alice's own: bob may be away.
				alice.sendJson("/app/room." + pace + ".send", "{\"text\":\"pace\"}");
				echo.next(WAIT);
			};
		});

		assertThat(figures.lost()).as(figures.transcript()).isZero();
		assertThat(figures.duplicated()).as(figures.transcript()).isZero();
	}

	private Figures drill(String kind, String run, String destination, SenderSetup setup) throws Exception {
		this.victim = cluster.startApart("drill-victim", UNLIMITED);
		Tally tally = new Tally(run);
		String survivorBase = "http://127.0.0.1:" + port(survivor);
		try (ReconnectingChatClient bob = new ReconnectingChatClient(List.of(ws(this.victim), ws(survivor)),
				() -> ClusterClients.token(survivorBase, "bob"), tally,
				new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(100), new Random(11)),
				Delays.on(this.reconnects)); StompTestSession alice = ClusterClients.connect(port(survivor), "alice")) {
			bob.start();
			await("bob connected to the instance that will be stopped").atMost(WAIT).until(bob::isConnected);
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
			long stop = System.nanoTime();
			this.victim.close();
			sending.get(30, TimeUnit.SECONDS);
			long allSent = System.nanoTime();
			boolean complete = awaitQuietly(() -> tally.delivered() >= SENT);
			bob.rethrowFailure();
			long reconnected = tally.connectedAfter(stop);

			Figures figures = new Figures(kind, SENT, tally.delivered(), SENT - tally.delivered(), tally.duplicated(),
					(reconnected < 0) ? -1 : TimeUnit.NANOSECONDS.toMillis(reconnected - stop),
					TimeUnit.NANOSECONDS.toMillis(allSent - stop), tally.endpoints(),
					IntStream.range(0, SENT).filter((n) -> !tally.shown(n)).boxed().toList(), complete);
			figures.report();
			return figures;
		}
	}

	private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
		try {
			await().atMost(Duration.ofSeconds(15)).until(condition);
			return true;
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			return false;
		}
	}

	private static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	private static URI ws(ConfigurableApplicationContext instance) {
		return URI.create("ws://127.0.0.1:" + port(instance) + "/ws/chat");
	}

	@FunctionalInterface
	private interface Sender {

		void send(int n);

	}

	@FunctionalInterface
	private interface SenderSetup {

		Sender on(StompTestSession alice);

	}

	/** What one drill counted. */
	private record Figures(String kind, int sent, int delivered, int lost, int duplicated, long recoveredMillis,
			long sendingAfterStopMillis, List<String> connections, List<Integer> missing, boolean complete) {

		String line() {
			return "[3.10] drill kill-one-instance (%s): sent %d, delivered %d, lost %d, duplicated %d, recovered in %d ms"
				.formatted(this.kind, this.sent, this.delivered, this.lost, this.duplicated, this.recoveredMillis);
		}

		String transcript() {
			return """
					3.10: %s
					bob's connections: %s
					numbers never shown: %s
					alice kept sending for %d ms after the stop
					(hint: renew each subscription with since:<SeenIds.resumeFrom()>, and let
					SeenIds.firstTime drop what a replay brings twice)""".formatted(line(), this.connections,
					this.missing, this.sendingAfterStopMillis);
		}

		void report() throws IOException {
			System.out.println(line());
			Path file = Path.of("target", "drills", "kill-one-instance.md");
			Files.createDirectories(file.getParent());
			Files.writeString(file,
					"| %s | %s | %d | %d | %d | %d | %d |%n".formatted(LocalDate.now(), this.kind, this.sent,
							this.delivered, this.lost, this.duplicated, this.recoveredMillis),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}

	}

}
