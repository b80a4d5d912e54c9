package dev.wslab.production.reconnect;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.wslab.production.cluster.ClusterClients;
import org.awaitility.core.ConditionTimeoutException;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.awaitility.Awaitility.await;

/**
 * Clients chatting at a steady rate through one endpoint (Nginx), for drills that move
 * them between instances. Every client is a {@link ReconnectingChatClient} in one room
 * and on its own inbox. Two streams of numbered messages run, each from one client, one
 * message every {@link #TICK}: alice's room messages, which every client receives, and
 * bob's private messages to alice, which every alice receives. Each receiver is counted
 * by sequence numbers, Jepsen-style ({@link Tally}).
 *
 * <p>
 * A sender paces itself: right behind each message it sends a marker with the same number
 * to a room of its own, and waits for its copy of that marker, live or replayed by
 * {@code since}, before the next. It never sends a message again itself. Its client does:
 * every SEND asks for a RECEIPT and carries a {@code client-message-id}, and one whose
 * RECEIPT had not come when its connection ended is written again, with the same id, on
 * the next connection; the chat keeps a repeated id once. That covers a SEND written
 * after the draining server's ERROR left, which is never read (README, 3.11). The figures
 * count the SENDs the client wrote again, and any duplicate is the chat's.
 */
final class ChatLoad implements AutoCloseable {

	/** One message per stream this often. */
	static final Duration TICK = Duration.ofMillis(50);

	private final String run;

	private final URI endpoint;

	private final String tokenBase;

	private final String room;

	private final List<Chatter> chatters = new CopyOnWriteArrayList<>();

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	private final List<Stream> streams = new ArrayList<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Future<?>> sending = new ArrayList<>();

	private volatile boolean stopping;

	/**
	 * @param run marks this load's messages
	 * @param proxyHost host and port of the proxy, such as {@code 127.0.0.1:8080}
	 */
	ChatLoad(String run, String proxyHost) {
		this.run = run;
		this.endpoint = URI.create("ws://" + proxyHost + "/ws/chat");
		this.tokenBase = "http://" + proxyHost;
		this.room = ClusterClients.room(run);
		// Before any handshake, so that the handshakes alone take turns in Nginx's round
		// robin.
		token("alice");
		token("bob");
	}

	/**
	 * Connects a client, subscribed to the room and its inbox, and counts from the next
	 * message of each stream on.
	 * @param user alice or bob
	 * @return the client
	 */
	Chatter join(String user) throws Exception {
		Tally rooms = new Tally(this.run + " room");
		Tally inbox = new Tally(this.run + " private");
		Tally pace = new Tally(this.run + " pace");
		Chatter chatter = new Chatter(user, this.chatters.size(), rooms, inbox, pace);
		chatter.client.start();
		await(user + " connected through the proxy").atMost(WAIT).until(chatter.client::isConnected);
		chatter.client.subscribe("/topic/room." + this.room, null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		chatter.client.subscribe("/user/queue/messages", null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		chatter.roomsFrom = (this.streams.isEmpty()) ? 0 : this.streams.get(0).sent.get() + 1;
		chatter.inboxFrom = (this.streams.size() < 2) ? 0 : this.streams.get(1).sent.get() + 1;
		this.chatters.add(chatter);
		return chatter;
	}

	/**
	 * Starts both streams: alice's room messages from the first alice, bob's to alice.
	 */
	void startSending() {
		Chatter alice = first("alice");
		Chatter bob = first("bob");
		Stream rooms = new Stream("room", alice, "/app/room." + this.room + ".send", "", 0);
		Stream privates = new Stream("private", bob, "/app/chat.private", "\"to\":\"alice\",", 1);
		this.streams.addAll(List.of(rooms, privates));
		Semaphore ticks = new Semaphore(0);
		this.scheduler.scheduleAtFixedRate(() -> ticks.release(this.streams.size()), 0, TICK.toMillis(),
				TimeUnit.MILLISECONDS);
		for (Stream stream : this.streams) {
			this.sending.add(this.senders.submit(() -> stream.send(ticks)));
		}
	}

	/** Waits until each stream has confirmed this many more messages. */
	void awaitConfirmed(int more) {
		List<Integer> targets = this.streams.stream().map((stream) -> stream.sent.get() + more).toList();
		await("each stream confirmed " + more + " more messages").atMost(WAIT).until(() -> {
			rethrowFailures();
			return IntStream.range(0, this.streams.size())
				.allMatch((i) -> this.streams.get(i).sent.get() >= targets.get(i));
		});
	}

	/** Stops sending, then waits (bounded) until every receiver has every message. */
	List<Figures> stopAndCount() throws Exception {
		this.stopping = true;
		for (Future<?> future : this.sending) {
			future.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
		}
		try {
			await().atMost(WAIT).until(() -> figures().stream().allMatch((figures) -> figures.lost() == 0));
		}
		catch (ConditionTimeoutException ex) {
			// The figures say what is missing.
		}
		return figures();
	}

	List<Figures> figures() {
		List<Figures> all = new ArrayList<>();
		for (Stream stream : this.streams) {
			int sent = stream.sent.get();
			int expected = 0;
			int delivered = 0;
			int duplicated = 0;
			int receivers = 0;
			List<String> missing = new ArrayList<>();
			for (Chatter chatter : this.chatters) {
				if (stream.index == 1 && !chatter.user.equals("alice")) {
					continue;
				}
				Tally tally = (stream.index == 0) ? chatter.rooms : chatter.inbox;
				int from = (stream.index == 0) ? chatter.roomsFrom : chatter.inboxFrom;
				receivers++;
				for (int n = from; n < sent; n++) {
					expected++;
					if (tally.shown(n)) {
						delivered++;
					}
					else if (missing.size() < 20) {
						missing.add(chatter.name() + "#" + n);
					}
				}
				duplicated += tally.duplicated();
			}
			all.add(new Figures(stream.kind, sent, receivers, expected, delivered, expected - delivered, duplicated,
					stream.from.client.rewritten(), missing));
		}
		return all;
	}

	/** Every client's connections made after the first, through the whole load. */
	int reconnects() {
		return this.chatters.stream().mapToInt((chatter) -> chatter.rooms.connections() - 1).sum();
	}

	/**
	 * The time from a moment to the last first-reconnection after it, over the clients
	 * that reconnected after it.
	 * @return milliseconds, and how many clients reconnected
	 */
	Recovery recoveredAfter(long nanos) {
		long last = -1;
		int moved = 0;
		for (Chatter chatter : this.chatters) {
			long at = chatter.rooms.connectedAfter(nanos);
			if (at >= 0) {
				moved++;
				last = Math.max(last, at);
			}
		}
		return new Recovery(moved, (last < 0) ? -1 : TimeUnit.NANOSECONDS.toMillis(last - nanos));
	}

	/** Connections that ended without being asked to move (failed attempts aside). */
	List<String> dropsNotAsked() {
		return this.chatters.stream()
			.flatMap((
					chatter) -> chatter.rooms.disconnections().stream().map((reason) -> chatter.name() + ": " + reason))
			.filter((reason) -> !reason.contains(ReconnectingChatClient.ASKED_TO_MOVE)
					&& !reason.contains(": could not connect to "))
			.toList();
	}

	int askedToMove() {
		return (int) this.chatters.stream()
			.flatMap((chatter) -> chatter.rooms.disconnections().stream())
			.filter((reason) -> reason.startsWith(ReconnectingChatClient.ASKED_TO_MOVE))
			.count();
	}

	List<String> notConnected() {
		return this.chatters.stream().filter((chatter) -> !chatter.client.isConnected()).map(Chatter::name).toList();
	}

	/** Waits (bounded) until every client is connected. */
	void awaitAllConnected() {
		try {
			await().atMost(WAIT).until(() -> notConnected().isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			// The caller asserts on notConnected().
		}
	}

	String transcript() {
		StringBuilder text = new StringBuilder();
		figures().forEach((figures) -> text.append(figures).append('\n'));
		for (Chatter chatter : this.chatters) {
			text.append(chatter.name())
				.append(": connections ")
				.append(chatter.rooms.endpoints().size())
				.append(", ended ")
				.append(chatter.rooms.disconnections())
				.append('\n');
		}
		return text.toString();
	}

	/**
	 * A user's token, signed in once through the proxy: were each client to sign in
	 * before its handshake, the two would take turns in Nginx's round robin and every
	 * WebSocket would land on the same instance.
	 */
	private String token(String user) {
		return this.tokens.computeIfAbsent(user, (name) -> ClusterClients.token(this.tokenBase, name));
	}

	private Chatter first(String user) {
		return this.chatters.stream().filter((chatter) -> chatter.user.equals(user)).findFirst().orElseThrow();
	}

	private void rethrowFailures() {
		this.chatters.forEach((chatter) -> chatter.client.rethrowFailure());
		for (Future<?> future : this.sending) {
			if (future.state() == Future.State.FAILED) {
				throw new AssertionError("a sender failed", future.exceptionNow());
			}
		}
	}

	@Override
	public void close() {
		this.stopping = true;
		this.chatters.forEach((chatter) -> chatter.client.close());
		this.scheduler.shutdownNow();
		this.senders.shutdownNow();
	}

	/** One client and what it was shown. */
	final class Chatter {

		final String user;

		final int number;

		final Tally rooms;

		final Tally inbox;

		final Tally pace;

		final ReconnectingChatClient client;

		volatile int roomsFrom;

		volatile int inboxFrom;

		Chatter(String user, int number, Tally rooms, Tally inbox, Tally pace) {
			this.user = user;
			this.number = number;
			this.rooms = rooms;
			this.inbox = inbox;
			this.pace = pace;
			this.client = new ReconnectingChatClient(List.of(ChatLoad.this.endpoint), () -> token(user),
					new Fanout(rooms, inbox, pace), new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1),
							Duration.ofMillis(100), new Random(number)),
					Delays.on(ChatLoad.this.scheduler));
		}

		String name() {
			return this.user + "-" + this.number;
		}

	}

	/** One sender's numbered messages, each confirmed by its marker before the next. */
	private final class Stream {

		final String kind;

		final Chatter from;

		final String destination;

		final String fields;

		final int index;

		final String paceRoom = ClusterClients.room("pace");

		final AtomicInteger sent = new AtomicInteger();

		Stream(String kind, Chatter from, String destination, String fields, int index) {
			this.kind = kind;
			this.from = from;
			this.destination = destination;
			this.fields = fields;
			this.index = index;
		}

		Void send(Semaphore ticks) throws Exception {
			this.from.client.subscribe(paceDestination(), null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
			for (int n = 0; !ChatLoad.this.stopping; n++) {
				if (!ticks.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("no tick");
				}
				confirm(n);
				this.sent.set(n + 1);
			}
			return null;
		}

		/**
		 * Writes message n and its marker, and waits until the marker's copy is seen:
		 * live, or in the {@code since} replay after the client moved. Its client writes
		 * again what was not confirmed, so this waits across a move, bounded.
		 */
		private void confirm(int n) {
			write(n);
			await(this.kind + " message " + n + " confirmed by its marker").atMost(WAIT.multipliedBy(3))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> this.from.pace.shown(n));
		}

		private String paceDestination() {
			return "/topic/room." + this.paceRoom;
		}

		/** Sends message n and its marker. */
		private void write(int n) {
			String text = ChatLoad.this.run + " " + this.kind + " seq " + n;
			this.from.client.send(this.destination, "{" + this.fields + "\"text\":\"" + text + "\"}");
			this.from.client.send("/app/room." + this.paceRoom + ".send",
					"{\"text\":\"" + ChatLoad.this.run + " pace seq " + n + "\"}");
		}

	}

	/** What the receivers of one stream were shown. */
	record Figures(String kind, int sent, int receivers, int expected, int delivered, int lost, int duplicated,
			int writtenAgain, List<String> missing) {

		String line() {
			return "%s: sent %d, receivers %d, deliveries expected %d, delivered %d, lost %d, duplicated %d, written again by the sender's client %d"
				.formatted(this.kind, this.sent, this.receivers, this.expected, this.delivered, this.lost,
						this.duplicated, this.writtenAgain);
		}

	}

	/** The clients that reconnected after a fault, and when the last of them was back. */
	record Recovery(int moved, long lastBackMillis) {
	}

	/** Passes a client's events to several listeners. */
	private record Fanout(ChatListener... listeners) implements ChatListener {

		@Override
		public void message(String destination, String id, String json) {
			for (ChatListener listener : this.listeners) {
				listener.message(destination, id, json);
			}
		}

		@Override
		public void connected(URI endpoint) {
			for (ChatListener listener : this.listeners) {
				listener.connected(endpoint);
			}
		}

		@Override
		public void disconnected(String reason) {
			for (ChatListener listener : this.listeners) {
				listener.disconnected(reason);
			}
		}

	}

}
