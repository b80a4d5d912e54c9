package dev.wslab.landscape.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated client of the harness: it follows the feed over one transport, drops its
 * connection once halfway, reconnects the way that transport does, and records what it
 * got.
 */
final class FeedClient {

	private static final Pattern EVENT = Pattern.compile("\"id\":(\\d+),.*?at (\\d+)");

	private static final Pattern SSE_EVENT = Pattern.compile("id: (\\d+)\\n(?:.*\\n)*?data: at (\\d+)");

	private final TransportMatrix.Kind kind;

	private final int httpPort;

	private final int wsPort;

	private final int total;

	final LongAdder sent = new LongAdder();

	final LongAdder received = new LongAdder();

	final LongAdder connections = new LongAdder();

	final LongAdder requests = new LongAdder();

	final Set<Long> ids = new HashSet<>();

	long deliveries;

	final List<Long> latenciesMicros = new CopyOnWriteArrayList<>();

	private long lastId;

	private boolean dropped;

	private boolean waited;

	static final long RECONNECT_DELAY_MILLIS = 500;

	FeedClient(TransportMatrix.Kind kind, int httpPort, int wsPort, int total) {
		this.kind = kind;
		this.httpPort = httpPort;
		this.wsPort = wsPort;
		this.total = total;
	}

	void run(long deadlineNanos) throws Exception {
		while (this.ids.size() < this.total && System.nanoTime() < deadlineNanos) {
			try (CountingConnection connection = new CountingConnection(
					(this.kind == TransportMatrix.Kind.WEBSOCKET) ? this.wsPort : this.httpPort, this.sent,
					this.received, this.connections, deadlineNanos)) {
				switch (this.kind) {
					case SSE -> sse(connection, deadlineNanos);
					case WEBSOCKET -> websocket(connection, deadlineNanos);
					case LONG_POLLING -> poll(connection, "/poll/long?cursor=", 0, deadlineNanos);
					case SHORT_POLLING -> poll(connection, "/poll/short?since=", 500, deadlineNanos);
				}
			}
			catch (IOException ex) {
				// A dropped connection: reconnect on the next turn of the loop.
			}
			if (this.dropped && !this.waited) {
				// Every transport waits the same before coming back, as a real client
				// backs off.
				this.waited = true;
				Thread.sleep(RECONNECT_DELAY_MILLIS);
			}
		}
	}

	/** True once this client should drop its connection: halfway, once. */
	private boolean dropNow() {
		if (!this.dropped && this.ids.size() >= this.total / 2) {
			this.dropped = true;
			return true;
		}
		return false;
	}

	private void sse(CountingConnection connection, long deadline) throws IOException {
		// EventSource's way back in: the last id it saw goes in Last-Event-ID.
		connection.request("/sse", "Accept: text/event-stream", "Last-Event-ID: " + this.lastId);
		this.requests.increment();
		connection.readHead();
		StringBuilder pending = new StringBuilder();
		while (System.nanoTime() < deadline && this.ids.size() < this.total) {
			pending.append(connection.readChunk());
			int end;
			while ((end = pending.indexOf("\n\n")) >= 0) {
				Matcher event = SSE_EVENT.matcher(pending.substring(0, end + 1));
				if (event.find()) {
					record(Long.parseLong(event.group(1)), Long.parseLong(event.group(2)));
				}
				pending.delete(0, end + 2);
			}
			if (dropNow()) {
				return;
			}
		}
	}

	private void poll(CountingConnection connection, String path, long intervalMillis, long deadline)
			throws IOException, InterruptedException {
		while (System.nanoTime() < deadline && this.ids.size() < this.total) {
			connection.request(path + this.lastId);
			this.requests.increment();
			String body = connection.readBody(connection.readHead());
			for (String event : body.split("\\{\"id\":")) {
				Matcher match = EVENT.matcher("\"id\":" + event);
				if (match.find()) {
					record(Long.parseLong(match.group(1)), Long.parseLong(match.group(2)));
				}
			}
			if (dropNow()) {
				return;
			}
			if (intervalMillis > 0) {
				// Not synchronisation: waiting a fixed interval between requests is what
				// short polling is.
				Thread.sleep(intervalMillis);
			}
		}
	}

	private void websocket(CountingConnection connection, long deadline) throws IOException {
		connection.write(("GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		this.requests.increment();
		connection.readHead();
		// A plain WebSocket client knows nothing of resumption: after a drop it starts
		// from now.
		connection.write(maskedText(this.lastId == 0 ? "subscribe 0" : "subscribe"));
		DataInputStream in = new DataInputStream(connection.input());
		while (System.nanoTime() < deadline && this.ids.size() < this.total) {
			in.readUnsignedByte();
			int length = in.readUnsignedByte() & 0x7F;
			if (length == 126) {
				length = in.readUnsignedShort();
			}
			byte[] payload = in.readNBytes(length);
			Matcher match = EVENT.matcher(new String(payload, StandardCharsets.UTF_8));
			if (match.find()) {
				record(Long.parseLong(match.group(1)), Long.parseLong(match.group(2)));
			}
			if (dropNow()) {
				return;
			}
		}
	}

	private void record(long id, long publishedMicros) {
		Instant now = Instant.now();
		long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
		this.deliveries++;
		if (this.ids.add(id)) {
			this.latenciesMicros.add(nowMicros - publishedMicros);
		}
		this.lastId = Math.max(this.lastId, id);
	}

	private static byte[] maskedText(String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] key = { 1, 2, 3, 4 };
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(key, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ key[i & 3]);
		}
		return frame;
	}

}
