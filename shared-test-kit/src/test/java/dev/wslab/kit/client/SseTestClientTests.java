package dev.wslab.kit.client;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import dev.wslab.kit.client.sse.SseEvent;
import dev.wslab.kit.client.sse.SseTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSE client parses an event stream the way a browser's EventSource does. */
class SseTestClientTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private HttpServer server;

	private volatile String lastEventIdSeen;

	@BeforeEach
	void serveStream() throws Exception {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/events", (exchange) -> {
			this.lastEventIdSeen = exchange.getRequestHeaders().getFirst("Last-Event-ID");
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			out.write("""
					retry: 2500
					: heartbeat

					id: 7
					event: tick
					data: first line
					data: second line

					data:no space after the colon

					""".getBytes(StandardCharsets.UTF_8));
			out.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void parsesIdsTypesMultiLineDataRetryAndComments() throws Exception {
		try (SseTestClient client = SseTestClient.connect(uri(), "6")) {
			assertThat(client.header("Content-Type")).isEqualTo("text/event-stream");

			SseEvent heartbeat = client.next(WAIT);
			SseEvent tick = client.next(WAIT);
			SseEvent plain = client.next(WAIT);

			assertThat(this.lastEventIdSeen).isEqualTo("6");
			assertThat(heartbeat.isComment()).isTrue();
			assertThat(heartbeat.comment()).isEqualTo("heartbeat");
			assertThat(tick).isEqualTo(new SseEvent("7", "tick", "first line\nsecond line", 2500L, null));
			assertThat(plain).isEqualTo(new SseEvent("7", "message", "no space after the colon", 2500L, null));
			assertThatThrownBy(() -> client.next(WAIT)).hasMessageContaining("The stream ended");
		}
	}

	@Test
	void waitsForTheEndOfAStreamPastTheEventsBeforeIt() throws Exception {
		try (SseTestClient client = SseTestClient.connect(uri(), null)) {
			assertThat(client.awaitEnd(WAIT)).isEqualTo("The stream ended");
		}
	}

	@Test
	void failsWithTheTranscriptWhenAStreamStaysOpen() throws Exception {
		this.server.createContext("/open", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			exchange.getResponseBody().write("data: still here\n\n".getBytes(StandardCharsets.UTF_8));
			exchange.getResponseBody().flush();
			// Left open: the stream ends only when the server stops after the test.
		});
		URI open = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/open");
		try (SseTestClient client = SseTestClient.connect(open, null)) {
			assertThatThrownBy(() -> client.awaitEnd(Duration.ofMillis(300)))
				.hasMessageContaining("still open after 300 ms")
				.hasMessageContaining("data: still here");
		}
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/events");
	}

}
