package dev.wslab.production.reconnect;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.rabbitmq.RabbitMq;
import dev.wslab.kit.rabbitmq.RabbitMqBroker;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure drill 2 (issue 11), graded for exercise 3.10: RabbitMQ stopped and started
 * again under traffic. Two instances share the broker; alice, on one, sends numbered room
 * messages and private messages to bob, on the other, 10 of each a second, both on 3.10's
 * reconnecting client. After 30 of each, the broker is stopped (SIGTERM, keeping its
 * data: the kit's {@link RabbitMq#stopKeepingData(RabbitMqBroker)}) and started again on
 * the same ports.
 *
 * <p>
 * What it shows, on the wire and in numbers:
 * <ul>
 * <li>Spring's relay sends each client session an ERROR and closes its WebSocket with
 * 1002: {@code StompBrokerRelayMessageHandler} turns the loss of the session's own broker
 * connection into an ERROR frame ("Connection to broker closed."), and
 * {@code StompSubProtocolHandler} closes every session it sends an ERROR to with
 * {@code CloseStatus.PROTOCOL_ERROR}. A CONNECT while the broker is away gets the same
 * ("Broker not available."). The relay never reconnects a client session; only its system
 * session comes back, retried every 5 s ({@code FixedIntervalReconnectStrategy}), and
 * says so with a {@code BrokerAvailabilityEvent}.</li>
 * <li>The clients reconnect with their backoff and renew their subscriptions with
 * {@code since}; SENDs made while disconnected wait in alice's offline queue.</li>
 * <li>Messages are kept, not refused: every number is kept in its log in Redis (the chat
 * logs first and broadcasts second, so a broadcast the relay refuses, a
 * {@code MessageDeliveryException}, still leaves the message in the log), and bob is
 * shown each once, live or by his {@code since} replay. The one exception, counted and
 * printed: a SEND alice's client writes after the server closed her session and before
 * she noticed never reaches the chat ({@link ReconnectingChatClient}'s stated limit). The
 * drill fails if a number outside that window is not kept, or if a kept one is not
 * shown.</li>
 * </ul>
 *
 * <p>
 * The broker is the cluster's shared one when the kit started it (it comes back with its
 * users, and every shared instance's relay is waited for afterwards), a private one
 * otherwise.
 */
@Grades("3.10")
class RabbitRestartDrillTests {

	static final int STOP_AFTER = 30;

	static final int AFTER_RECOVERY = 20;

	/** One room message and one private message per tick: 10 of each a second. */
	static final Duration TICK = Duration.ofMillis(100);

	private static final Duration RECOVERY_WAIT = Duration.ofSeconds(30);

	private static final String USER = "wslab-drill";

	@Test
	void keepsEveryMessageAndReconnectsEveryClientWhenRabbitMqRestarts() throws Exception {
		ChatCluster cluster = ChatCluster.shared();
		boolean shared = RabbitMq.restartable(cluster.broker());
		RabbitMqBroker broker = shared ? cluster.broker() : RabbitMq.startPrivate();
		String password = UUID.randomUUID().toString();
		broker.addUser(USER, password);
		String room = ClusterClients.room("rabbit");
		Tally roomShown = new Tally(room + "-room");
		Tally inboxShown = new Tally(room + "-dm");
		Tally aliceEvents = new Tally(room + "-none");
		ScheduledExecutorService reconnects = Executors.newScheduledThreadPool(2);
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		AtomicBoolean down = new AtomicBoolean();
		ConfigurableApplicationContext first = null;
		ConfigurableApplicationContext second = null;
		try {
			first = cluster.startApart("rabbit-drill-1", onBroker(broker, password));
			second = cluster.startApart("rabbit-drill-2", onBroker(broker, password));
			ConfigurableApplicationContext one = first;
			ConfigurableApplicationContext two = second;
			await("both relays connected to RabbitMQ").atMost(WAIT)
				.until(() -> RelayEvents.available(one) && RelayEvents.available(two));
			RelayEvents firstRelay = RelayEvents.on(first);
			RelayEvents secondRelay = RelayEvents.on(second);

			AtomicLong aliceCutAt = new AtomicLong();
			try (ReconnectingChatClient alice = client(first, "alice", cutNoticed(aliceEvents, aliceCutAt), reconnects);
					ReconnectingChatClient bob = client(second, "bob", bobShows(roomShown, inboxShown), reconnects);
					WireWatch watch = WireWatch.connected(Drill.port(second), "admin")) {
				alice.start();
				bob.start();
				await("alice and bob connected").atMost(WAIT).until(() -> alice.isConnected() && bob.isConnected());
				bob.subscribe("/topic/room." + room, null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
				bob.subscribe("/user/queue/messages", null).get(WAIT.toSeconds(), TimeUnit.SECONDS);

				AtomicInteger sent = new AtomicInteger();
				Map<Integer, Long> handedAt = new ConcurrentHashMap<>();
				AtomicBoolean sending = new AtomicBoolean(true);
				AtomicReference<RuntimeException> senderFailure = new AtomicReference<>();
				ticker.scheduleAtFixedRate(() -> {
					if (!sending.get() || senderFailure.get() != null) {
						return;
					}
					try {
						int n = sent.get();
						handedAt.put(n, System.nanoTime());
						alice.send("/app/room." + room + ".send", "{\"text\":\"" + room + "-room seq " + n + "\"}");
						alice.send("/app/chat.private", "{\"to\":\"bob\",\"text\":\"" + room + "-dm seq " + n + "\"}");
						sent.incrementAndGet();
					}
					catch (RuntimeException ex) {
						senderFailure.set(ex);
					}
				}, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);

				await("bob shown alice's first " + STOP_AFTER + " room and private messages").atMost(WAIT).until(() -> {
					bob.rethrowFailure();
					return roomShown.delivered() >= STOP_AFTER && inboxShown.delivered() >= STOP_AFTER;
				});
				long stopAt = System.nanoTime();
				down.set(true);
				RabbitMq.stopKeepingData(broker);
				long stoppedAt = System.nanoTime();
				List<String> cut = watch.untilClose(WAIT);
				List<String> refusedConnect;
				try (WireWatch late = WireWatch.connecting(Drill.port(first), "admin")) {
					refusedConnect = late.untilClose(WAIT);
				}
				RabbitMq.startAgain(broker);
				down.set(false);
				long backAt = System.nanoTime();

				await("both relays' system sessions back (BrokerAvailabilityEvent true)").atMost(RECOVERY_WAIT)
					.until(() -> firstRelay.backAfter(stopAt) > 0 && secondRelay.backAfter(stopAt) > 0);
				await("alice and bob reconnected, their subscriptions renewed").atMost(RECOVERY_WAIT).until(() -> {
					bob.rethrowFailure();
					alice.rethrowFailure();
					return aliceEvents.connectedAfter(stopAt) > 0 && roomShown.connectedAfter(stopAt) > 0;
				});
				// SENDs alice's client wrote after the stop began and before it saw its
				// connection end: the one window in which its offline queue cannot help.
				Set<Integer> blind = new TreeSet<>();
				handedAt.forEach((n, at) -> {
					if (at >= stopAt && at <= aliceCutAt.get()) {
						blind.add(n);
					}
				});
				int sentAtRecovery = sent.get();
				boolean caughtUp = awaitQuietly(() -> shownAllBut(roomShown, sentAtRecovery, blind)
						&& shownAllBut(inboxShown, sentAtRecovery, blind));
				long caughtUpAt = System.nanoTime();
				int bobSessions = bobSessions(two);
				await("alice sending again after the recovery").atMost(WAIT)
					.until(() -> sent.get() >= sentAtRecovery + AFTER_RECOVERY || senderFailure.get() != null);
				sending.set(false);
				ticker.shutdown();
				ticker.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
				int total = sent.get();
				await("alice's offline queue sent and every SEND confirmed").atMost(WAIT)
					.until(() -> alice.pending() == 0 && alice.unconfirmed() == 0);
				Logged logged = readBackTheLogs(Drill.port(second), room, total);
				boolean complete = awaitQuietly(
						() -> shownAll(roomShown, logged.room(), total) && shownAll(inboxShown, logged.inbox(), total));
				bob.rethrowFailure();
				if (senderFailure.get() != null) {
					throw senderFailure.get();
				}

				Timings timings = new Timings(millis(stoppedAt - stopAt), millis(backAt - stopAt),
						millis(Math.max(firstRelay.backAfter(stopAt), secondRelay.backAfter(stopAt)) - backAt),
						millis(Math.max(aliceEvents.connectedAfter(stopAt), roomShown.connectedAfter(stopAt)) - backAt),
						caughtUp ? millis(caughtUpAt - backAt) : -1);
				String wire = "a connected client on the wire: " + cut + "; a CONNECT while RabbitMQ was down: "
						+ refusedConnect;
				List<RestartFigures> figures = List.of(
						RestartFigures.of("room", total, roomShown, logged.room(), blind, timings),
						RestartFigures.of("private", total, inboxShown, logged.inbox(), blind, timings));
				for (RestartFigures kind : figures) {
					kind.report();
				}
				System.out.println("[3.10] drill rabbitmq-restart, " + wire);
				System.out.println("[3.10] drill rabbitmq-restart, relay lost RabbitMQ "
						+ millis(firstRelay.lostAfter(stopAt) - stopAt) + " / "
						+ millis(secondRelay.lostAfter(stopAt) - stopAt)
						+ " ms after the stop began; alice's attempts that ended: "
						+ aliceEvents.disconnections().size() + ", bob's: " + roomShown.disconnections().size()
						+ "; bob's sessions in the user registry of " + "his instance once he was back: "
						+ bobSessions);

				String transcript = figures.stream().map(RestartFigures::line).toList() + "\n" + wire
						+ "\nbob's connections: " + roomShown.endpoints() + "\nwhy they ended: "
						+ roomShown.disconnections() + "\nalice's: " + aliceEvents.disconnections();
				assertThat(cut).as("what a connected client is sent when RabbitMQ stops: " + transcript)
					.anyMatch((frame) -> frame.startsWith("ERROR "))
					.last()
					.isEqualTo("CLOSE 1002");
				assertThat(refusedConnect).as("what a CONNECT meets while RabbitMQ is down: " + transcript)
					.anyMatch((frame) -> frame.startsWith("ERROR "))
					.last()
					.isEqualTo("CLOSE 1002");
				assertThat(firstRelay.lostAfter(stopAt)).as("BrokerAvailabilityEvent false on the first instance")
					.isPositive();
				assertThat(secondRelay.lostAfter(stopAt)).as("BrokerAvailabilityEvent false on the second instance")
					.isPositive();
				assertThat(roomShown.connections()).as("bob connected again: " + transcript).isGreaterThan(1);
				for (RestartFigures kind : figures) {
					// A SEND written blind, to a socket the server had already given up,
					// is
					// written again on the next connection (unconfirmed: no RECEIPT), and
					// the chat keeps a repeated client-message-id once. Nothing is lost.
					assertThat(kind.notKept())
						.as("numbers not kept (the blind window was " + blind + "): " + transcript)
						.isEmpty();
					assertThat(kind.missing()).as("never shown to bob: " + transcript).isEmpty();
					assertThat(kind.duplicated()).as(transcript).isZero();
					assertThat(kind.keptTwice()).as("logged twice: " + transcript).isZero();
				}
				assertThat(complete).as("bob shown every number, alice's queue empty: " + transcript).isTrue();
			}
		}
		finally {
			ticker.shutdownNow();
			try {
				if (down.get()) {
					RabbitMq.startAgain(broker);
				}
				if (shared) {
					// The shared instances lost the broker too: the next grader needs
					// them back.
					for (int i = 0; i < cluster.ports().size(); i++) {
						ConfigurableApplicationContext instance = cluster.context(i);
						await("the shared cluster's relay on chat-" + (i + 1) + " back").atMost(RECOVERY_WAIT)
							.until(() -> RelayEvents.available(instance));
					}
				}
			}
			finally {
				reconnects.shutdownNow();
				closeQuietly(first);
				closeQuietly(second);
				if (!shared) {
					RabbitMq.stop(broker);
				}
			}
		}
	}

	/** Records when the client first saw a connection of its end. */
	private static ChatListener cutNoticed(Tally tally, AtomicLong firstCut) {
		return new ChatListener() {
			@Override
			public void message(String destination, String id, String json) {
				tally.message(destination, id, json);
			}

			@Override
			public void connected(URI endpoint) {
				tally.connected(endpoint);
			}

			@Override
			public void disconnected(String reason) {
				firstCut.compareAndSet(0, System.nanoTime());
				tally.disconnected(reason);
			}
		};
	}

	private static boolean shownAllBut(Tally shown, int upTo, Set<Integer> excused) {
		return IntStream.range(0, upTo).allMatch((n) -> shown.shown(n) || excused.contains(n));
	}

	private static boolean shownAll(Tally shown, Tally kept, int total) {
		return IntStream.range(0, total).allMatch((n) -> shown.shown(n) || !kept.shown(n));
	}

	/** Bob's sessions as his instance's user registry knows them. */
	private static int bobSessions(ConfigurableApplicationContext instance) {
		SimpUser bob = instance.getBean(SimpUserRegistry.class).getUser("bob");
		return (bob != null) ? bob.getSessions().size() : 0;
	}

	/** Bob's listener: room messages to one tally, private ones to another. */
	private static ChatListener bobShows(Tally room, Tally inbox) {
		return new ChatListener() {
			@Override
			public void message(String destination, String id, String json) {
				(destination.startsWith("/topic/") ? room : inbox).message(destination, id, json);
			}

			@Override
			public void connected(URI endpoint) {
				room.connected(endpoint);
			}

			@Override
			public void disconnected(String reason) {
				room.disconnected(reason);
			}
		};
	}

	private static ReconnectingChatClient client(ConfigurableApplicationContext instance, String user,
			ChatListener listener, ScheduledExecutorService reconnects) {
		String base = "http://127.0.0.1:" + Drill.port(instance);
		return new ReconnectingChatClient(List.of(Drill.ws(instance)), () -> ClusterClients.token(base, user), listener,
				new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(100),
						new Random(user.hashCode())),
				Delays.on(reconnects));
	}

	/** Replays the room and bob's inbox from their start, as a client resuming would. */
	private static Logged readBackTheLogs(int port, String room, int total) {
		try (StompTestSession reader = ClusterClients.connect(port, "bob")) {
			Tally roomLog = new Tally(room + "-room");
			Tally inboxLog = new Tally(room + "-dm");
			FrameQueue roomFrames = reader.subscribeWithReceipt(sinceStart("/topic/room." + room), WAIT);
			FrameQueue inboxFrames = reader.subscribeWithReceipt(sinceStart("/user/queue/messages"), WAIT);
			countUntilQuiet(roomFrames, roomLog, "/topic/room." + room, total);
			countUntilQuiet(inboxFrames, inboxLog, "/user/queue/messages", total);
			return new Logged(roomLog, inboxLog);
		}
	}

	private static void countUntilQuiet(FrameQueue frames, Tally log, String destination, int total) {
		for (ReceivedFrame frame = frames.poll(Duration.ofSeconds(2)); frame != null; frame = frames
			.poll(Duration.ofMillis(log.delivered() >= total ? 200 : 2000))) {
			log.message(destination, "", frame.body());
		}
	}

	private static StompHeaders sinceStart(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.add("since", "0-0");
		return headers;
	}

	private static Map<String, Object> onBroker(RabbitMqBroker broker, String password) {
		Map<String, Object> settings = new HashMap<>(Drill.UNLIMITED);
		settings.put("wslab.broker.host", broker.host());
		settings.put("wslab.broker.stomp-port", broker.stompPort());
		settings.put("wslab.broker.login", USER);
		settings.put("wslab.broker.passcode", password);
		settings.put("wslab.broker.virtual-host", broker.virtualHost());
		return settings;
	}

	private static boolean awaitQuietly(Callable<Boolean> condition) {
		try {
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static void closeQuietly(ConfigurableApplicationContext instance) {
		if (instance != null) {
			instance.close();
		}
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	/** What the logs in Redis replay, by number. */
	private record Logged(Tally room, Tally inbox) {
	}

	/**
	 * The drill's clock, in ms.
	 *
	 * @param stopMillis how long RabbitMQ's own shutdown took
	 * @param brokerDownMillis from the start of the stop to RabbitMQ answering a STOMP
	 * CONNECT again
	 * @param relayBackMillis from then to the later of the two relays'
	 * {@code BrokerAvailabilityEvent} true
	 * @param clientsBackMillis from then to the later of alice's and bob's new
	 * connections, with bob's subscriptions renewed
	 * @param caughtUpMillis from then to bob shown every number sent until the clients
	 * were back, or -1
	 */
	record Timings(long stopMillis, long brokerDownMillis, long relayBackMillis, long clientsBackMillis,
			long caughtUpMillis) {

		String line() {
			return ("RabbitMQ down %d ms (its stop %d ms); after it was back: relays available +%d ms, "
					+ "clients resubscribed +%d ms, bob caught up +%d ms")
				.formatted(this.brokerDownMillis, this.stopMillis, this.relayBackMillis, this.clientsBackMillis,
						this.caughtUpMillis);
		}

	}

	/** One kind's counts. */
	record RestartFigures(String kind, int sent, int delivered, int lost, int duplicated, int kept, int keptTwice,
			List<Integer> notKept, List<Integer> missing, Set<Integer> blind, Timings timings) {

		static RestartFigures of(String kind, int sent, Tally shown, Tally log, Set<Integer> blind, Timings timings) {
			List<Integer> notKept = new ArrayList<>();
			List<Integer> missing = new ArrayList<>();
			int kept = 0;
			for (int n = 0; n < sent; n++) {
				if (log.shown(n)) {
					kept++;
				}
				else {
					notKept.add(n);
				}
				if (!shown.shown(n)) {
					missing.add(n);
				}
			}
			return new RestartFigures(kind, sent, shown.delivered(), missing.size(), shown.duplicated(), kept,
					log.duplicated(), notKept, missing, blind, timings);
		}

		String line() {
			// The chat refuses a message before logging it, or not at all: a refused
			// number is
			// never kept, so the numbers never kept bound the refusals.
			return ("[3.10] drill rabbitmq-restart (%s): sent %d, delivered %d, lost %d, duplicated %d, kept %d "
					+ "(logged twice %d), refused at most %d; %s; never kept: %s, never shown: %s, "
					+ "written blind (after the stop began, before alice's client saw its end): %s")
				.formatted(this.kind, this.sent, this.delivered, this.lost, this.duplicated, this.kept, this.keptTwice,
						this.notKept.size(), this.timings.line(), this.notKept, this.missing, this.blind);
		}

		void report() throws IOException {
			System.out.println(line());
			Path file = Path.of("target", "drills", "rabbitmq-restart.md");
			Files.createDirectories(file.getParent());
			Files.writeString(file,
					"| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d ms | +%d ms | +%d ms | +%d ms |%n".formatted(
							LocalDate.now(), this.kind, this.sent, this.delivered, this.lost, this.duplicated,
							this.kept, this.notKept.size(), this.blind.size(), this.timings.brokerDownMillis(),
							this.timings.relayBackMillis(), this.timings.clientsBackMillis(),
							this.timings.caughtUpMillis()),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}

	}

}
