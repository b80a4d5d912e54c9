package dev.wslab.production.reconnect;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A chat client that survives its server: it reconnects with {@link Backoff} (exercise
 * 3.9), keeps SENDs made while disconnected in an {@link OfflineQueue}, renews every
 * subscription with {@code since} the highest id seen without a hole ({@link SeenIds}),
 * and shows each message once (exercise 3.10). On an authentication ERROR it takes a
 * fresh token from its supplier, once: a fresh token refused too ends the attempts
 * ({@link AuthErrors}). An ERROR with {@code message:server-restart} (a draining
 * instance, exercise 3.11, which then closes with 1012) is an invitation to move: the
 * next attempt goes at once, without a backoff wait, to the next endpoint.
 *
 * <p>
 * Built on Spring's {@link WebSocketStompClient}. Each attempt goes to the next of its
 * endpoints, so a client whose instance died lands on another.
 *
 * <p>
 * Every SEND asks for a RECEIPT and carries a {@code client-message-id}
 * ({@code SendReceipts} on the server). Until its RECEIPT comes, a SEND is unconfirmed:
 * if the connection ends first, it is written again, with the same id, on the next
 * connection, ahead of the offline queue. That closes the blind window the offline queue
 * cannot: a SEND written to a socket the server had already given up, before the client
 * noticed. The chat keeps a repeated id once, so a SEND that had in fact been kept is not
 * shown twice. A SEND whose RECEIPT does not come within Spring's receipt time limit
 * while its connection stays up was refused or not answered: the listener is told
 * ({@link ChatListener#unconfirmed}), and it is not sent again.
 *
 * <p>
 * Heartbeats: {@code heart-beat:10000,10000} by default, a third of the chat's
 * {@code proxy_read_timeout} of 30 s (exercise 3.4). Behind a proxy with another idle
 * timeout, give it that timeout: the header then comes from {@link HeartbeatTuning}
 * (exercise 3.18).
 */
public final class ReconnectingChatClient implements AutoCloseable {

	/** How many SENDs may wait while disconnected (see {@link OfflineQueue}). */
	public static final int OFFLINE_CAPACITY = 1000;

	/**
	 * The ERROR message of a draining instance (exercise 3.11's
	 * {@code DrainingShutdown.SERVER_RESTART}).
	 */
	static final String SERVER_RESTART = "server-restart";

	/**
	 * How {@link ChatListener#disconnected} begins when the server asked the client to
	 * move.
	 */
	static final String ASKED_TO_MOVE = "asked to move (server-restart): ";

	/**
	 * The heart-beat without a proxy timeout: 10 s both ways, the browser client's, which
	 * RabbitMQ answers with the same.
	 */
	static final HeartBeat DEFAULT_HEART_BEAT = new HeartBeat(10_000, 10_000);

	/**
	 * What the chat's CONNECTED offers at best. Behind the relay the answer is
	 * RabbitMQ's, which gives a CONNECT's {@code cx,cy} back as {@code cy,cx} rounded
	 * down to whole seconds, at least 1 s ({@code rabbit_stomp_processor}), and checks
	 * the client against its rounded figure: any interval from 1 s up can be negotiated,
	 * none below.
	 */
	static final HeartBeat CHAT_SERVER_OFFER = new HeartBeat(1000, 1000);

	private static final Log logger = LogFactory.getLog(ReconnectingChatClient.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The header with the client's own id of a SEND ({@code SendReceipts}). */
	static final String CLIENT_MESSAGE_ID = "client-message-id";

	private final List<URI> endpoints;

	private final Supplier<String> tokens;

	private final ChatListener listener;

	private final Backoff backoff;

	private final Delays delays;

	private final HeartBeat heartBeat;

	private final WebSocketStompClient stomp;

	/** Guarded by {@link #lock}: SENDs written again, for {@link #rewritten()}. */
	private int rewritten;

	private final SimpleAsyncTaskScheduler receipts = new SimpleAsyncTaskScheduler();

	private final OfflineQueue offline = new OfflineQueue(OFFLINE_CAPACITY);

	private final Map<String, SeenIds> subscriptions = new ConcurrentHashMap<>();

	/** SENDs written and not yet confirmed, in the order written; guarded by lock. */
	private final Map<String, PendingSend> unconfirmed = new LinkedHashMap<>();

	private final Object lock = new Object();

	private StompSession session;

	private String token;

	private boolean tokenUntried;

	private int failures;

	private int attempts;

	private boolean closed;

	/** The first failure on a client thread, where it would otherwise be lost. */
	private volatile RuntimeException failure;

	/**
	 * Creates a client; {@link #start()} connects it.
	 * @param endpoints {@code ws://HOST/ws/chat} of each instance (or one proxy), tried
	 * in turn
	 * @param tokens signs in and returns a fresh JWT; asked at start and after an
	 * authentication ERROR
	 * @param listener receives messages and events
	 * @param backoff the waits between attempts
	 * @param delays runs the attempts after their waits
	 */
	public ReconnectingChatClient(List<URI> endpoints, Supplier<String> tokens, ChatListener listener, Backoff backoff,
			Delays delays) {
		this(endpoints, tokens, listener, backoff, delays, DEFAULT_HEART_BEAT);
	}

	/**
	 * Creates a client for endpoints behind a proxy with an idle timeout;
	 * {@link #start()} connects it. Its heart-beat comes from
	 * {@link HeartbeatTuning#forProxy} (exercise 3.18) against what the chat offers.
	 * @param endpoints {@code ws://HOST/ws/chat} of each instance (or one proxy), tried
	 * in turn
	 * @param tokens signs in and returns a fresh JWT; asked at start and after an
	 * authentication ERROR
	 * @param listener receives messages and events
	 * @param backoff the waits between attempts
	 * @param delays runs the attempts after their waits
	 * @param proxyReadTimeout the proxy's idle timeout, such as Nginx's
	 * {@code proxy_read_timeout}
	 * @throws IllegalArgumentException when no heart-beat the chat accepts keeps a
	 * connection through that timeout
	 */
	public ReconnectingChatClient(List<URI> endpoints, Supplier<String> tokens, ChatListener listener, Backoff backoff,
			Delays delays, Duration proxyReadTimeout) {
		this(endpoints, tokens, listener, backoff, delays,
				HeartbeatTuning.forProxy(proxyReadTimeout, CHAT_SERVER_OFFER));
	}

	private ReconnectingChatClient(List<URI> endpoints, Supplier<String> tokens, ChatListener listener, Backoff backoff,
			Delays delays, HeartBeat heartBeat) {
		this.endpoints = List.copyOf(endpoints);
		this.tokens = tokens;
		this.listener = listener;
		this.backoff = backoff;
		this.delays = delays;
		this.heartBeat = heartBeat;
		this.receipts.setVirtualThreads(true);
		this.stomp = new WebSocketStompClient(new StandardWebSocketClient());
		this.stomp.setTaskScheduler(this.receipts);
		// STOMP heartbeats find a half-open connection that no close frame announces.
		this.stomp.setDefaultHeartbeat(heartBeat.toArray());
	}

	/** Signs in and makes the first connection attempt. */
	public void start() {
		synchronized (this.lock) {
			this.token = this.tokens.get();
			this.tokenUntried = true;
		}
		connect();
	}

	/**
	 * Subscribes now if connected, and again after every reconnection, with
	 * {@code since}.
	 * @param destination such as {@code /topic/room.lobby} or
	 * {@code /user/queue/messages}
	 * @param since the id to start after, or null: a room then starts with its history,
	 * an inbox live
	 * @return completes when the broker has the first subscription (its RECEIPT)
	 */
	public CompletableFuture<Void> subscribe(String destination, String since) {
		CompletableFuture<Void> bound = new CompletableFuture<>();
		synchronized (this.lock) {
			this.subscriptions.put(destination, new SeenIds(since));
			if (this.session != null) {
				subscribe(this.session, destination, since, bound);
			}
			else {
				bound.complete(null);
			}
		}
		return bound;
	}

	/**
	 * Sends now if connected, or keeps the SEND for the next connection.
	 * @param destination such as {@code /app/room.lobby.send}
	 * @param json the body
	 * @throws OfflineQueueFullException if disconnected with {@link #OFFLINE_CAPACITY}
	 * SENDs already waiting
	 */
	public void send(String destination, String json) {
		synchronized (this.lock) {
			PendingSend send = new PendingSend(destination, json);
			if (this.session != null && this.session.isConnected()) {
				// Unconfirmed from here: a failed write is written again on the next
				// connection, as is one the server never read.
				this.unconfirmed.put(send.id(), send);
				try {
					write(this.session, send);
				}
				catch (RuntimeException ex) {
					logger.debug("SEND failed, writing it again on the next connection", ex);
				}
				return;
			}
			this.offline.add(send);
		}
	}

	/**
	 * Says whether a connection is up.
	 * @return true between CONNECTED and the connection's end
	 */
	public boolean isConnected() {
		synchronized (this.lock) {
			return this.session != null && this.session.isConnected();
		}
	}

	/**
	 * Counts the SENDs waiting for a connection.
	 * @return how many
	 */
	public int pending() {
		return this.offline.size();
	}

	/**
	 * Counts the SENDs written and not yet confirmed by a RECEIPT.
	 * @return how many
	 */
	public int unconfirmed() {
		synchronized (this.lock) {
			return this.unconfirmed.size();
		}
	}

	/**
	 * Counts the SENDs written again on a new connection because their RECEIPT had not
	 * come when the old one ended.
	 * @return how many, since start
	 */
	public int rewritten() {
		synchronized (this.lock) {
			return this.rewritten;
		}
	}

	/**
	 * Counts connection attempts since start.
	 * @return how many
	 */
	public int attempts() {
		synchronized (this.lock) {
			return this.attempts;
		}
	}

	/**
	 * Returns the heart-beat this client sends in each CONNECT.
	 * @return its {@code cx,cy}
	 */
	HeartBeat heartBeat() {
		return this.heartBeat;
	}

	/**
	 * Throws the first failure met on one of the client's threads, if any: a grader calls
	 * it while waiting, so that an exception in a callback is not lost.
	 */
	void rethrowFailure() {
		RuntimeException first = this.failure;
		if (first != null) {
			throw first;
		}
	}

	private void failed(RuntimeException ex) {
		if (this.failure == null) {
			this.failure = ex;
		}
	}

	@Override
	public void close() {
		StompSession last;
		synchronized (this.lock) {
			this.closed = true;
			last = this.session;
			this.session = null;
		}
		if (last != null && last.isConnected()) {
			last.disconnect();
		}
		this.receipts.close();
	}

	private void connect() {
		URI endpoint;
		String bearer;
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			endpoint = this.endpoints.get(this.attempts % this.endpoints.size());
			this.attempts++;
			bearer = this.token;
		}
		StompHeaders headers = new StompHeaders();
		headers.add("Authorization", "Bearer " + bearer);
		Attempt attempt = new Attempt(endpoint);
		this.stomp.connectAsync(endpoint, new WebSocketHttpHeaders(), headers, attempt)
			.whenComplete((connected, failure) -> {
				if (failure != null) {
					attempt.ended("could not connect to " + endpoint + ": " + failure);
				}
			});
	}

	private void connected(StompSession connected, URI endpoint) {
		synchronized (this.lock) {
			if (this.closed) {
				connected.disconnect();
				return;
			}
			this.session = connected;
			this.failures = 0;
			this.tokenUntried = false;
			this.subscriptions.forEach((destination, seen) -> subscribe(connected, destination, seen.resumeFrom(),
					new CompletableFuture<>()));
			// First what was written and not confirmed, then what waited offline: the
			// order the user sent them in.
			for (PendingSend send : List.copyOf(this.unconfirmed.values())) {
				this.rewritten++;
				write(connected, send);
			}
			for (PendingSend send : this.offline.drain()) {
				this.unconfirmed.put(send.id(), send);
				write(connected, send);
			}
		}
		this.listener.connected(endpoint);
	}

	/** Decides what follows the end of a connection or of a failed attempt. */
	private void ended(String reason, String authError, boolean restart) {
		Runnable next;
		synchronized (this.lock) {
			this.session = null;
			if (this.closed) {
				return;
			}
			if (authError != null) {
				if (!AuthErrors.refresh(authError, this.tokenUntried)) {
					this.closed = true;
					next = () -> this.listener.gaveUp(authError);
				}
				else {
					// Never the dead token again: a fresh one, and the first, short wait.
					this.token = this.tokens.get();
					this.tokenUntried = true;
					this.failures = 0;
					Runnable reconnect = this::connect;
					next = () -> this.delays.after(this.backoff.delay(0), reconnect);
				}
			}
			else if (restart) {
				// Asked to move (exercise 3.11): not a failure. The next endpoint at
				// once;
				// if that one fails too, the usual backoff follows. Spring's client does
				// not
				// show the close code (1012), so the ERROR's message is what is acted on.
				this.failures = 0;
				next = () -> this.delays.after(Duration.ZERO, this::connect);
			}
			else {
				int failed = this.failures++;
				next = () -> this.delays.after(this.backoff.delay(failed), this::connect);
			}
		}
		this.listener.disconnected(restart ? ASKED_TO_MOVE + reason : reason);
		next.run();
	}

	private void subscribe(StompSession target, String destination, String since, CompletableFuture<Void> bound) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		if (since != null) {
			headers.add("since", since);
		}
		headers.setReceipt("sub-" + destination + "-" + System.nanoTime());
		StompSession.Subscription subscription = target.subscribe(headers, new Frames(destination));
		subscription.addReceiptTask(() -> bound.complete(null));
		subscription.addReceiptLostTask(() -> bound
			.completeExceptionally(new IllegalStateException("No RECEIPT for the subscription to " + destination)));
	}

	private void write(StompSession target, PendingSend send) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(send.destination());
		headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
		headers.set(CLIENT_MESSAGE_ID, send.id());
		headers.setReceipt("send-" + send.id());
		StompSession.Receiptable written = target.send(headers, send.json().getBytes(StandardCharsets.UTF_8));
		written.addReceiptTask(() -> {
			synchronized (this.lock) {
				this.unconfirmed.remove(send.id());
			}
		});
		written.addReceiptLostTask(() -> receiptLost(target, send));
	}

	/**
	 * No RECEIPT within the time limit. If the connection it was written on is still the
	 * one in use, the server read it and refused it or could not answer: give it up and
	 * say so. If that connection ended, it was written again on the next one, which waits
	 * for its own RECEIPT.
	 */
	private void receiptLost(StompSession target, PendingSend send) {
		boolean givenUp;
		synchronized (this.lock) {
			givenUp = this.session == target && target.isConnected() && this.unconfirmed.remove(send.id()) != null;
		}
		if (givenUp) {
			this.listener.unconfirmed(send.destination(), send.json());
		}
	}

	private void received(String destination, StompHeaders headers, String body) {
		SeenIds seen = this.subscriptions.get(destination);
		if (seen == null) {
			return;
		}
		JsonNode json = JSON.readTree(body);
		if ("true".equals(headers.getFirst("gap"))) {
			String oldest = json.path("oldest").isString() ? json.path("oldest").asString() : null;
			seen.skipTo(oldest);
			this.listener.gap(destination, json.path("requested").asString(), oldest);
			return;
		}
		String id = json.path("id").asString(null);
		if (id != null && seen.firstTime(id)) {
			this.listener.message(destination, id, body);
		}
	}

	/** One subscription's frames. */
	private final class Frames implements StompFrameHandler {

		private final String destination;

		Frames(String destination) {
			this.destination = destination;
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			try {
				received(this.destination, headers, new String((byte[]) payload, StandardCharsets.UTF_8));
			}
			catch (RuntimeException ex) {
				failed(ex);
				throw ex;
			}
		}

	}

	/** One connection attempt: its CONNECTED, its ERROR and its end, which comes once. */
	private final class Attempt extends StompSessionHandlerAdapter {

		private final URI endpoint;

		private final AtomicBoolean over = new AtomicBoolean();

		private volatile String authError;

		private volatile boolean restart;

		/** The message of the last ERROR frame, which comes before the server closes. */
		private volatile String lastError;

		Attempt(URI endpoint) {
			this.endpoint = endpoint;
		}

		@Override
		public void afterConnected(StompSession connected, StompHeaders headers) {
			try {
				connected(connected, this.endpoint);
			}
			catch (RuntimeException ex) {
				failed(ex);
				throw ex;
			}
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			// An ERROR frame (STOMP 1.2: the server closes the connection after it).
			String message = headers.getFirst("message");
			this.lastError = message;
			if (AuthErrors.isAuthError(message)) {
				this.authError = message;
			}
			else if (SERVER_RESTART.equals(message)) {
				this.restart = true;
			}
		}

		@Override
		public void handleException(StompSession failed, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			logger.warn("Could not handle a " + command + " frame", exception);
		}

		@Override
		public void handleTransportError(StompSession failed, Throwable exception) {
			String error = this.lastError;
			ended("connection to " + this.endpoint + " lost: " + exception
					+ ((error != null) ? " (after ERROR message:" + error + ")" : ""));
		}

		void ended(String reason) {
			if (this.over.compareAndSet(false, true)) {
				ReconnectingChatClient.this.ended(reason, this.authError, this.restart);
			}
		}

	}

}
