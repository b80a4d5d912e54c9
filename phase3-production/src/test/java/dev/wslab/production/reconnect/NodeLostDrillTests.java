package dev.wslab.production.reconnect;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.rabbitmq.RabbitMqCluster;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompHeaders;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure drill 5 (issue 11), graded for exercise 3.12: a RabbitMQ node lost under
 * traffic. Two chat instances are given both nodes of a private two-node cluster
 * ({@code wslab.relay.addresses}, {@link BrokerAddresses} in turn), so both relays open
 * their system sessions on the first node. Alice and bob each have a reconnecting client
 * (exercise 3.10), on different instances; alice sends {@value #SENT} numbered room
 * messages, one every {@link #TICK}, and after {@value #STOP_AT} the first node is
 * stopped (SIGTERM).
 *
 * <p>
 * The relays' system sessions are lost with it; Spring tries again 5 s later, and the
 * address list gives the other node. Meanwhile {@link ClientsFollowTheRelay} asks every
 * client to reconnect, and their subscriptions renewed with {@code since} replay, from
 * the room's log in Redis, what was kept but never broadcast. The drill counts, by the
 * numbers in the texts, what bob was shown: sent, delivered, lost, duplicated, and how
 * long the relays and bob took to come back; and, from the log, what was kept.
 */
@Grades("3.12")
class NodeLostDrillTests {

	static final int SENT = 200;

	static final int STOP_AT = 40;

	static final Duration TICK = Duration.ofMillis(40);

	private static final String BROKER_USER = "wslab-node-drill";

	@Test
	void losesNoRoomMessageWhenTheRelaysNodeIsLost() throws Exception {
		String room = ClusterClients.room("node");
		// First, as every grader: on the exercises track an unsolved exercise fails here,
		// before a RabbitMQ cluster is started for nothing.
		ChatCluster chat = ChatCluster.shared();
		ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
		long began = System.nanoTime();
		try (RabbitMqCluster rabbit = RabbitMqCluster.startPrivate()) {
			long clusterUp = System.nanoTime();
			String password = UUID.randomUUID().toString();
			rabbit.addUser(BROKER_USER, password);
			Map<String, Object> settings = settings(rabbit, password);
			try (ConfigurableApplicationContext first = chat.startApart("node-drill-1", settings);
					ConfigurableApplicationContext second = chat.startApart("node-drill-2", settings)) {
				RelayWatch relays = new RelayWatch(List.of(first, second));
				await("both relays connected to the cluster").atMost(WAIT).until(relays::allAvailable);
				Tally bobSaw = new Tally(room);
				Tally aliceSaw = new Tally(room);
				try (ReconnectingChatClient bob = client(second, first, "bob", bobSaw, timers);
						ReconnectingChatClient alice = client(first, second, "alice", aliceSaw, timers)) {
					bob.start();
					alice.start();
					await("alice and bob connected").atMost(WAIT).until(() -> bob.isConnected() && alice.isConnected());
					bob.subscribe("/topic/room." + room, null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
					alice.subscribe("/topic/room." + room, null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
					// Every subscription has its queue now: what would the broker keep?
					List<String> queues = rabbit.node(0)
						.rabbitmqctl("list_queues", "name", "durable", "exclusive", "type", "--quiet",
								"--no-table-headers")
						.lines()
						.map(String::strip)
						.filter((line) -> !line.isEmpty())
						.toList();
					long drillStart = System.nanoTime();

					AtomicInteger sent = new AtomicInteger();
					// A steady rate, whatever happens: alice's client queues what it
					// cannot send while it reconnects.
					timers.scheduleAtFixedRate(() -> {
						int n = sent.get();
						if (n < SENT) {
							alice.send("/app/room." + room + ".send", "{\"text\":\"" + room + " seq " + n + "\"}");
							sent.incrementAndGet();
						}
					}, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
					await("bob shown " + STOP_AT + " messages").atMost(WAIT).until(() -> {
						bob.rethrowFailure();
						return bobSaw.delivered() >= STOP_AT;
					});
					long stopAt = System.nanoTime();
					rabbit.stopNode(0);
					long stopped = System.nanoTime();
					relays.awaitAllAvailableAfter(stopAt, Duration.ofSeconds(20));
					await("alice's " + SENT + " messages sent").atMost(Duration.ofSeconds(30))
						.until(() -> sent.get() >= SENT);
					boolean complete = awaitQuietly(() -> bobSaw.delivered() >= SENT);
					bob.rethrowFailure();
					alice.rethrowFailure();
					long bobBack = bobSaw.connectedAfter(stopAt);
					Tally kept = readBackTheLog(second, room);

					List<Integer> notKept = IntStream.range(0, SENT).filter((n) -> !kept.shown(n)).boxed().toList();
					int keptNeverShown = (int) IntStream.range(0, SENT)
						.filter((n) -> kept.shown(n) && !bobSaw.shown(n))
						.count();
					NodeLostFigures figures = new NodeLostFigures(SENT, bobSaw.delivered(), keptNeverShown, notKept,
							bobSaw.duplicated(), kept.delivered(), kept.duplicated(), queues, millis(stopped - stopAt),
							relays.millisBackAfter(stopAt), (bobBack < 0) ? -1 : millis(bobBack - stopAt),
							alice.pending(), bobSaw.endpoints(), bobSaw.disconnections(), aliceSaw.disconnections(),
							IntStream.range(0, SENT).filter((n) -> !bobSaw.shown(n)).boxed().toList(),
							rabbit.runningNodes(), complete, millis(clusterUp - began),
							millis(System.nanoTime() - drillStart));
					figures.report();

					assertThat(figures.lost()).as(figures.transcript()).isZero();
					assertThat(figures.duplicated()).as(figures.transcript()).isZero();
					assertThat(figures.keptTwice()).as(figures.transcript()).isZero();
					assertThat(figures.durableQueues()).as("the broker keeps nothing durable: " + figures.transcript())
						.isEmpty();
					assertThat(figures.relaysBackMillis()).as("both relays back: " + figures.transcript())
						.allMatch((ms) -> ms >= 0);
					assertThat(figures.runningNodes()).as(figures.transcript()).containsExactly(rabbit.nodeName(1));
					assertThat(rabbit.node(1).stompConnections()).as("the relays' sessions now on the second node")
						.hasSizeGreaterThanOrEqualTo(2);
				}
			}
		}
		finally {
			timers.shutdownNow();
		}
	}

	private static Map<String, Object> settings(RabbitMqCluster rabbit, String password) {
		Map<String, Object> settings = new HashMap<>(Drill.UNLIMITED);
		settings.put("wslab.broker.host", rabbit.node(0).host());
		settings.put("wslab.broker.stomp-port", rabbit.node(0).stompPort());
		settings.put("wslab.broker.login", BROKER_USER);
		settings.put("wslab.broker.passcode", password);
		settings.put("wslab.relay.addresses", rabbit.stompAddresses());
		settings.put("wslab.relay.restart-clients-on-broker-loss", true);
		settings.put("wslab.drain.enabled", false);
		settings.put("server.shutdown", "immediate");
		return settings;
	}

	private static ReconnectingChatClient client(ConfigurableApplicationContext home,
			ConfigurableApplicationContext other, String user, Tally tally, ScheduledExecutorService timers) {
		String base = "http://127.0.0.1:" + Drill.port(home);
		return new ReconnectingChatClient(List.of(Drill.ws(home), Drill.ws(other)),
				() -> ClusterClients.token(base, user), tally,
				new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(100), new Random(12)),
				Delays.on(timers));
	}

	/** Replays the room's log from its start, as a client resuming from nothing would. */
	private static Tally readBackTheLog(ConfigurableApplicationContext instance, String room) {
		Tally kept = new Tally(room);
		StompHeaders sinceStart = new StompHeaders();
		sinceStart.setDestination("/topic/room." + room);
		sinceStart.add("since", "0-0");
		try (StompTestSession reader = connectAnyNode(Drill.port(instance), "admin")) {
			FrameQueue replay = reader.subscribeWithReceipt(sinceStart, WAIT);
			// Until every number came, or a quiet second: the log keeps the order in
			// which
			// the server took the SENDs, which is not always alice's.
			while (kept.delivered() < SENT) {
				ReceivedFrame frame = replay.poll(Duration.ofSeconds(1));
				if (frame == null) {
					break;
				}
				kept.message(frame.header("destination"), null, frame.body());
			}
		}
		return kept;
	}

	/**
	 * Connects a plain client, trying again once: the relay gives each new session the
	 * next node round the list, the lost one included, and that CONNECT is answered
	 * {@code ERROR Failed to connect: Connection refused}.
	 */
	private static StompTestSession connectAnyNode(int port, String user) {
		try {
			return ClusterClients.connect(port, user);
		}
		catch (AssertionError refused) {
			return ClusterClients.connect(port, user);
		}
	}

	private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
		try {
			await().atMost(Duration.ofSeconds(15)).until(condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
