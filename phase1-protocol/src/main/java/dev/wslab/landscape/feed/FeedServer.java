package dev.wslab.landscape.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wslab.landscape.longpoll.LongPollMailbox;
import dev.wslab.landscape.shortpoll.ShortPoll;
import dev.wslab.landscape.sse.ReplayBuffer;
import dev.wslab.landscape.sse.SseEventWriter;
import dev.wslab.protocol.handshake.HandshakePolicy;
import dev.wslab.protocol.message.Message;
import dev.wslab.protocol.server.ServerConfig;
import dev.wslab.protocol.server.Session;
import dev.wslab.protocol.server.WebSocketServer;

/**
 * One feed of numbered events over four transports: SSE, long polling and short polling
 * on a JDK HTTP server, and WebSocket on the Phase 1 server. No Spring.
 *
 * <p>
 * Every transport reads the same way: "give me everything after the last id I have". SSE
 * streams, held long polls and WebSocket subscribers are all loops over
 * {@link LongPollMailbox#poll}, each on its own virtual thread, so no event can fall
 * between catching up and going live.
 *
 * <ul>
 * <li>{@code GET /sse}: {@code text/event-stream}; resumes after {@code Last-Event-ID}.
 * If that id is older than the replay buffer, the stream first sends an
 * {@code event: reset}: the client missed events and must reload its state.</li>
 * <li>{@code GET /poll/long?cursor=N}: held until an event after N exists, or the timeout
 * passes (then an empty answer).</li>
 * <li>{@code GET /poll/short?since=N}: answered at once.</li>
 * <li>{@code POST /action}: the client-to-server action, published as an {@code action}
 * event.</li>
 * <li>{@code ws://…/feed}: send {@code subscribe <lastId>} first; any other message is an
 * action.</li>
 * <li>{@code POST /admin/drop-streams}: drops every SSE stream, to watch EventSource
 * reconnect.</li>
 * </ul>
 */
public final class FeedServer implements AutoCloseable {

	private final FeedConfig config;

	private final LongPollMailbox mailbox;

	private final HttpServer http;

	private final WebSocketServer websocket;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<HttpExchange, Thread> streams = new ConcurrentHashMap<>();

	private final Set<Session> subscribed = ConcurrentHashMap.newKeySet();

	private volatile boolean running = true;

	private FeedServer(FeedConfig config) throws IOException {
		this.config = config;
		this.mailbox = new LongPollMailbox(new ReplayBuffer(config.replayCapacity()));
		this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.httpPort()), 1024);
		this.http.setExecutor(this.threads);
		this.http.createContext("/", this::page);
		this.http.createContext("/sse", this::sse);
		this.http.createContext("/poll/long", this::longPoll);
		this.http.createContext("/poll/short", this::shortPoll);
		this.http.createContext("/action", this::action);
		this.http.createContext("/admin/drop-streams", this::dropStreams);
		this.http.start();
		String origin = "http://127.0.0.1:" + this.http.getAddress().getPort();
		HandshakePolicy policy = new HandshakePolicy("/feed",
				Set.of(origin, "http://localhost:" + this.http.getAddress().getPort()), List.of());
		this.websocket = WebSocketServer.start(ServerConfig.defaults(config.websocketPort()).withPolicy(policy),
				this::onWebSocketMessage);
		if (config.tickEvery().isPositive()) {
			this.threads.submit(this::tick);
		}
	}

	/**
	 * Starts the feed.
	 * @param config ports, buffer size and timings
	 * @return the running server
	 * @throws IOException if a port cannot be bound
	 */
	public static FeedServer start(FeedConfig config) throws IOException {
		return new FeedServer(config);
	}

	/**
	 * Publishes an event to every transport.
	 * @param type the event type
	 * @param data the data, possibly several lines
	 * @return the event
	 */
	public FeedEvent publish(String type, String data) {
		return this.mailbox.publish(type, data);
	}

	/**
	 * Returns the HTTP port (page, SSE, polling).
	 * @return the port
	 */
	public int httpPort() {
		return this.http.getAddress().getPort();
	}

	/**
	 * Returns the WebSocket port.
	 * @return the port
	 */
	public int websocketPort() {
		return this.websocket.port();
	}

	/**
	 * Returns how many SSE streams are open.
	 * @return the count
	 */
	public int openStreams() {
		return this.streams.size();
	}

	/**
	 * Ends every open SSE stream from the server side, as a restarting server would. Each
	 * stream's own thread is interrupted and closes its response, so no two threads ever
	 * write to one stream; EventSource then reconnects by itself.
	 */
	public void dropStreams() {
		for (Map.Entry<HttpExchange, Thread> stream : this.streams.entrySet()) {
			this.streams.remove(stream.getKey());
			stream.getValue().interrupt();
		}
	}

	@Override
	public void close() throws IOException {
		this.running = false;
		dropStreams();
		this.http.stop(0);
		this.websocket.close();
		this.threads.shutdownNow();
	}

	private void sse(HttpExchange exchange) throws IOException {
		long cursor = parseId(exchange.getRequestHeaders().getFirst("Last-Event-ID"), -1);
		if (cursor < 0) {
			cursor = parseId(query(exchange.getRequestURI(), "lastEventId"), this.mailbox.buffer().latestId());
		}
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
		exchange.getResponseHeaders().add("Cache-Control", "no-cache");
		if (this.config.disableProxyBuffering()) {
			// Nginx buffers proxied responses unless told not to; an event stream must
			// not wait in a buffer.
			exchange.getResponseHeaders().add("X-Accel-Buffering", "no");
		}
		exchange.sendResponseHeaders(200, 0);
		this.streams.put(exchange, Thread.currentThread());
		try (OutputStream out = exchange.getResponseBody()) {
			write(out, SseEventWriter.retry(this.config.retry()));
			long latest = this.mailbox.buffer().latestId();
			if (cursor > latest) {
				// An id from the future: the server restarted and numbers began again.
				// Say so.
				write(out, SseEventWriter.event(new FeedEvent(latest, "reset",
						"event " + cursor + " is newer than this server's " + latest + "; reload the current state",
						0)));
				cursor = latest;
			}
			while (this.running) {
				Replay replay = this.mailbox.poll(cursor, this.config.heartbeatEvery());
				if (replay.gap()) {
					// The reset takes the id just before what is still kept, so ids keep
					// climbing.
					long resetId = replay.events().isEmpty() ? replay.latestId() : replay.events().get(0).id() - 1;
					write(out, SseEventWriter.event(new FeedEvent(resetId, "reset",
							"events after " + cursor + " are no longer kept; reload the current state", 0)));
				}
				for (FeedEvent event : replay.events()) {
					write(out, SseEventWriter.event(event));
				}
				if (replay.events().isEmpty()) {
					write(out, SseEventWriter.comment("heartbeat " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)));
				}
				cursor = lastId(replay, replay.gap() ? replay.latestId() : cursor);
			}
		}
		catch (IOException | InterruptedException ex) {
			// The client went away or the stream was dropped: EventSource will reconnect
			// on its own.
		}
		finally {
			this.streams.remove(exchange);
		}
	}

	private void longPoll(HttpExchange exchange) throws IOException {
		long cursor = parseId(query(exchange.getRequestURI(), "cursor"), this.mailbox.buffer().latestId());
		long latest = this.mailbox.buffer().latestId();
		if (cursor > latest) {
			// A cursor from the future (the server restarted): answer at once so the
			// client resyncs.
			json(exchange, 200, Json.pollAnswer(List.of(), latest, true));
			return;
		}
		try {
			Replay replay = this.mailbox.poll(cursor, this.config.longPollTimeout());
			json(exchange, 200, Json.pollAnswer(replay.events(),
					replay.gap() ? replay.latestId() : lastId(replay, cursor), replay.gap()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.close();
		}
	}

	private void shortPoll(HttpExchange exchange) throws IOException {
		try {
			String since = query(exchange.getRequestURI(), "since");
			Replay replay = ShortPoll.answer(this.mailbox.buffer(), since);
			long fallback = (since == null || since.isBlank() || replay.gap()) ? replay.latestId()
					: Long.parseLong(since);
			json(exchange, 200, Json.pollAnswer(replay.events(),
					replay.gap() ? replay.latestId() : lastId(replay, fallback), replay.gap()));
		}
		catch (IllegalArgumentException ex) {
			json(exchange, 400, "{\"error\":\"" + Json.escape(ex.getMessage()) + "\"}");
		}
	}

	private void action(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			json(exchange, 405, "{\"error\":\"POST an action\"}");
			return;
		}
		try (InputStream in = exchange.getRequestBody()) {
			String text = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
			FeedEvent event = publish("action", text.isBlank() ? "(empty action)" : text);
			json(exchange, 202, event.toJson());
		}
	}

	private void dropStreams(HttpExchange exchange) throws IOException {
		int dropped = this.streams.size();
		json(exchange, 200, "{\"dropped\":" + dropped + "}");
		dropStreams();
	}

	private void page(HttpExchange exchange) throws IOException {
		if (!exchange.getRequestURI().getPath().equals("/")) {
			json(exchange, 404, "{\"error\":\"not found\"}");
			return;
		}
		byte[] page;
		try (InputStream in = FeedServer.class.getResourceAsStream("/static/landscape.html")) {
			page = new String(in.readAllBytes(), StandardCharsets.UTF_8)
				.replace("{{wsPort}}", String.valueOf(this.websocket.port()))
				.getBytes(StandardCharsets.UTF_8);
		}
		exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(200, page.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(page);
		}
	}

	private void onWebSocketMessage(Session session, Message message) {
		String text = message.text();
		String[] words = text.trim().split(" ");
		if (words[0].equals("subscribe") && words.length <= 2) {
			// One subscription per connection: a second subscribe would deliver
			// everything twice.
			if (this.subscribed.add(session)) {
				long cursor = parseId((words.length == 2) ? words[1] : null, this.mailbox.buffer().latestId());
				this.threads.submit(() -> pushTo(session, cursor));
			}
		}
		else {
			publish("action", text);
		}
	}

	/**
	 * WebSocket has no built-in resumption: the client names its last id and this loop
	 * catches up, with the same reset as SSE when it cannot.
	 */
	private void pushTo(Session session, long from) {
		long cursor = from;
		try {
			long latest = this.mailbox.buffer().latestId();
			if (cursor > latest) {
				session.send(Message.text("{\"reset\":true,\"latestId\":" + latest + "}"));
				cursor = latest;
			}
			while (this.running && session.isOpen()) {
				Replay replay = this.mailbox.poll(cursor, Duration.ofSeconds(1));
				if (replay.gap()) {
					session.send(Message.text("{\"reset\":true,\"latestId\":" + replay.latestId() + "}"));
				}
				for (FeedEvent event : replay.events()) {
					session.send(Message.text(event.toJson()));
				}
				cursor = lastId(replay, replay.gap() ? replay.latestId() : cursor);
			}
		}
		catch (InterruptedException | UncheckedIOException ex) {
			// The subscriber is gone.
		}
		finally {
			this.subscribed.remove(session);
		}
	}

	private void tick() {
		long n = 0;
		while (this.running) {
			try {
				Thread.sleep(this.config.tickEvery());
			}
			catch (InterruptedException ex) {
				return;
			}
			n++;
			publish("tick", "tick " + n + "\nat " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS));
		}
	}

	private static long lastId(Replay replay, long cursor) {
		return replay.events().isEmpty() ? cursor : replay.events().get(replay.events().size() - 1).id();
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void json(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static long parseId(String value, long fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Math.max(0, Long.parseLong(value.trim()));
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	private static String query(URI uri, String name) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).equals(name)) {
				return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

}
