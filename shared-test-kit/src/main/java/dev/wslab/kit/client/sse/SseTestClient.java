package dev.wslab.kit.client.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.client.ws.Transcript;
import dev.wslab.kit.grading.ClientTranscripts;

/**
 * An SSE client that parses a {@code text/event-stream} the way the HTML standard's event
 * stream interpretation does, and queues every event and comment for bounded waits.
 */
public final class SseTestClient implements AutoCloseable {

	private final HttpResponse<InputStream> response;

	private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

	private final Transcript transcript = new Transcript();

	private SseTestClient(HttpResponse<InputStream> response) {
		this.response = response;
		ClientTranscripts.opened("SSE client of " + response.uri(), this.transcript);
		Thread.ofVirtual().name("sse-reader").start(this::readLoop);
	}

	/**
	 * Opens an event stream.
	 * @param uri the stream address
	 * @param lastEventId the {@code Last-Event-ID} to resume from, or null
	 * @return the connected client
	 * @throws IOException if the request fails
	 */
	public static SseTestClient connect(URI uri, String lastEventId) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(30));
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		try {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			return new SseTestClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/**
	 * Returns the response status.
	 * @return the status code
	 */
	public int status() {
		return this.response.statusCode();
	}

	/**
	 * Returns a response header.
	 * @param name the header name
	 * @return the first value, or null
	 */
	public String header(String name) {
		return this.response.headers().firstValue(name).orElse(null);
	}

	/**
	 * Waits for the next event, skipping comments.
	 * @param timeout the longest wait
	 * @return the event
	 * @throws AssertionError with the transcript if none arrives in time
	 */
	public SseEvent nextEvent(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			SseEvent next = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			if (!next.isComment()) {
				return next;
			}
		}
	}

	/**
	 * Waits for the next event or comment.
	 * @param timeout the longest wait
	 * @return the event or comment
	 * @throws AssertionError with the transcript if nothing arrives in time or the stream
	 * ended
	 */
	public SseEvent next(Duration timeout) {
		Object next;
		try {
			next = this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
		if (next instanceof SseEvent event) {
			return event;
		}
		throw new AssertionError((next == null ? "No event within " + timeout.toMillis() + " ms" : String.valueOf(next))
				+ ".\nTranscript:\n" + this.transcript);
	}

	/**
	 * Waits until the stream ends, by the server's doing or a failure, skipping whatever
	 * events still come before that.
	 * @param timeout the longest wait
	 * @return how it ended: "The stream ended", or "The stream failed: " and why
	 * @throws AssertionError with the transcript if the stream is still open after it
	 */
	public String awaitEnd(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Object next;
			try {
				next = this.events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted", ex);
			}
			if (next instanceof String end) {
				return end;
			}
			if (next == null) {
				throw new AssertionError("The stream was still open after " + timeout.toMillis() + " ms.\nTranscript:\n"
						+ this.transcript);
			}
		}
	}

	/**
	 * Returns every line received so far.
	 * @return the transcript
	 */
	public Transcript transcript() {
		return this.transcript;
	}

	@Override
	public void close() throws IOException {
		this.response.body().close();
	}

	private void readLoop() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String lastId = null;
			String type = null;
			Long retry = null;
			List<String> data = new ArrayList<>();
			String line;
			while ((line = reader.readLine()) != null) {
				this.transcript.received(line.isEmpty() ? "(blank line)" : line);
				if (line.isEmpty()) {
					if (!data.isEmpty()) {
						this.events.add(new SseEvent(lastId, type == null ? "message" : type, String.join("\n", data),
								retry, null));
					}
					data.clear();
					type = null;
					continue;
				}
				if (line.startsWith(":")) {
					this.events.add(new SseEvent(lastId, null, null, null, line.substring(1).strip()));
					continue;
				}
				int colon = line.indexOf(':');
				String field = colon < 0 ? line : line.substring(0, colon);
				String value = colon < 0 ? "" : line.substring(colon + 1);
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				switch (field) {
					case "data" -> data.add(value);
					case "event" -> type = value;
					case "id" -> lastId = value.contains("\0") ? lastId : value;
					case "retry" -> retry = value.chars().allMatch(Character::isDigit) && !value.isEmpty()
							? Long.parseLong(value) : retry;
					default -> {
						// Unknown fields are ignored, as the standard says.
					}
				}
			}
			this.transcript.note("stream ended");
			this.events.add("The stream ended");
		}
		catch (IOException ex) {
			this.transcript.note("read failed: " + ex.getMessage());
			this.events.add("The stream failed: " + ex.getMessage());
		}
	}

}
