package dev.wslab.landscape.feed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wslab.kit.client.sse.SseEvent;
import dev.wslab.kit.client.sse.SseTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The feed over real HTTP: SSE resumption after a forced disconnect, and long polling
 * without loss.
 */
class FeedTransportsTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	private FeedServer server;

	@AfterEach
	void stop() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void sseResumesAfterAForcedDisconnectWithNothingLostOrRepeated() throws Exception {
		this.server = FeedServer.start(FeedConfig.quiet(1000, Duration.ofSeconds(2)));
		List<Long> received = new ArrayList<>();
		publish(1, 5);
		try (SseTestClient first = SseTestClient.connect(sse(), "0")) {
			for (int i = 0; i < 5; i++) {
				received.add(Long.parseLong(first.nextEvent(WAIT).id()));
			}

			this.server.dropStreams();

			assertThatThrownBy(() -> first.nextEvent(WAIT)).as("the client sees its stream end")
				.hasMessageContaining("The stream ended");
		}
		publish(6, 10);

		// What EventSource does: reconnect, sending the last id it saw as Last-Event-ID.
		try (SseTestClient resumed = SseTestClient.connect(sse(), String.valueOf(received.get(received.size() - 1)))) {
			for (int i = 0; i < 5; i++) {
				received.add(Long.parseLong(resumed.nextEvent(WAIT).id()));
			}
		}

		assertThat(received).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
	}

	@Test
	void sseTellsAClientWhoseLastEventIdIsNoLongerKeptToReset() throws Exception {
		this.server = FeedServer.start(FeedConfig.quiet(3, Duration.ofSeconds(2)));
		publish(1, 10);

		try (SseTestClient client = SseTestClient.connect(sse(), "2")) {
			SseEvent reset = client.nextEvent(WAIT);

			assertThat(reset.event()).isEqualTo("reset");
			assertThat(reset.id()).as("the id just before the oldest kept, so ids keep climbing").isEqualTo("7");
			assertThat(reset.data()).contains("no longer kept");
			assertThat(List.of(client.nextEvent(WAIT).id(), client.nextEvent(WAIT).id(), client.nextEvent(WAIT).id()))
				.containsExactly("8", "9", "10");
		}
	}

	@Test
	void sseSendsTheRetryFieldAndHeartbeatComments() throws Exception {
		this.server = FeedServer.start(new FeedConfig(0, 0, 100, Duration.ofMillis(100), Duration.ofMillis(700),
				Duration.ofSeconds(2), Duration.ZERO, true));

		try (SseTestClient client = SseTestClient.connect(sse(), null)) {
			SseEvent heartbeat = client.next(WAIT);

			assertThat(client.header("Content-Type")).startsWith("text/event-stream");
			assertThat(heartbeat.isComment()).isTrue();
			assertThat(heartbeat.comment()).startsWith("heartbeat");
			assertThat(client.transcript().toString()).contains("retry: 700");
		}
	}

	@Test
	void longPollingOverHttpLosesNothingWhileEventsPour() throws Exception {
		this.server = FeedServer.start(FeedConfig.quiet(100_000, Duration.ofSeconds(5)));
		int total = 500;
		CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> publish(1, total),
				Executors.newVirtualThreadPerTaskExecutor());
		HttpClient http = HttpClient.newHttpClient();
		List<Long> received = new ArrayList<>();
		long cursor = 0;

		while (received.size() < total) {
			String body = http
				.send(HttpRequest.newBuilder(uri("/poll/long?cursor=" + cursor)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			// Events are still to come, so an empty answer means one was lost: fail
			// rather than poll on.
			assertThat(body).as("a long poll with events still to come").contains("\"id\":");
			Matcher ids = ID.matcher(body);
			while (ids.find()) {
				received.add(Long.parseLong(ids.group(1)));
			}
			cursor = received.isEmpty() ? 0 : received.get(received.size() - 1);
		}
		producer.get(5, TimeUnit.SECONDS);

		assertThat(received).hasSize(total).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void shortPollingRefusesABadCursorWith400() throws Exception {
		this.server = FeedServer.start(FeedConfig.quiet(10, Duration.ofSeconds(2)));

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/poll/short?since=abc")).build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("since must be a whole number");
	}

	private void publish(int from, int to) {
		for (int i = from; i <= to; i++) {
			this.server.publish("tick", "tick " + i + "\nsecond line");
		}
	}

	private URI sse() {
		return uri("/sse");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.httpPort() + path);
	}

}
