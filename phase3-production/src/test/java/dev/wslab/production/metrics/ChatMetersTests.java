package dev.wslab.production.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat's meters move as the chat works, read from each instance's registry. Not an
 * exercise: these meters are scaffolding. They count what the Phase 3 exercises do, so
 * this class needs the relay (3.1) to start the cluster at all, and names the exercise
 * where one test needs another (the rate limit of 3.5, the cap of 3.6). The session
 * meters are exercise 3.13, graded by {@code StompSessionMetersGraderTests} and
 * {@code SessionMetersScrapeGraderTests}.
 */
class ChatMetersTests {

	static ChatCluster cluster;

	static InstanceMeters a;

	static InstanceMeters b;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
		a = InstanceMeters.of(cluster, 0);
		b = InstanceMeters.of(cluster, 1);
	}

	@Test
	void countsARoomMessageInWhereItIsSentAndOutWhereverItIsDeliveredAndTimesEachDelivery() {
		String room = ClusterClients.room("meters");
		double inOnA = a.counter(ChatMeters.MESSAGES_IN, "kind", "room");
		double inOnB = b.counter(ChatMeters.MESSAGES_IN, "kind", "room");
		double outOnA = a.counter(ChatMeters.MESSAGES_OUT, "kind", "room");
		double outOnB = b.counter(ChatMeters.MESSAGES_OUT, "kind", "room");
		long timedOnA = a.timerCount(ChatMeters.DELIVERY_LATENCY);
		long timedOnB = b.timerCount(ChatMeters.DELIVERY_LATENCY);
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue onA = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			FrameQueue onB = bob.subscribeWithReceipt("/topic/room." + room, WAIT);

			for (int i = 1; i <= 3; i++) {
				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"counted " + i + "\"}");
			}
			List<ReceivedFrame> delivered = List.of(onA.next(WAIT), onA.next(WAIT), onA.next(WAIT), onB.next(WAIT),
					onB.next(WAIT), onB.next(WAIT));

			assertThat(delivered).as("each frame says when its SEND arrived, in epoch microseconds")
				.allSatisfy((frame) -> assertThat(frame.header(ReceivedAt.HEADER)).matches("\\d{16}"));
			await("the outbound counters after 3 room messages to one subscriber on each instance").atMost(WAIT)
				.untilAsserted(() -> {
					assertThat(a.counter(ChatMeters.MESSAGES_OUT, "kind", "room") - outOnA).as("out on A").isEqualTo(3);
					assertThat(b.counter(ChatMeters.MESSAGES_OUT, "kind", "room") - outOnB).as("out on B").isEqualTo(3);
					assertThat(a.timerCount(ChatMeters.DELIVERY_LATENCY) - timedOnA).as("deliveries timed on A")
						.isEqualTo(3);
					assertThat(b.timerCount(ChatMeters.DELIVERY_LATENCY) - timedOnB).as("deliveries timed on B")
						.isEqualTo(3);
				});
			assertThat(a.counter(ChatMeters.MESSAGES_IN, "kind", "room") - inOnA).as("SENDs in on A, alice's instance")
				.isEqualTo(3);
			assertThat(b.counter(ChatMeters.MESSAGES_IN, "kind", "room") - inOnB).as("SENDs in on B").isZero();
		}
	}

	@Test
	void countsAPrivateMessageAsPrivateOnBothSides() {
		double inOnA = a.counter(ChatMeters.MESSAGES_IN, "kind", "private");
		double outOnB = b.counter(ChatMeters.MESSAGES_OUT, "kind", "private");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue inbox = bob.subscribeWithReceipt("/user/queue/messages", WAIT);
			awaitOnline("bob");

			alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"psst\"}");

			assertThat(json(inbox.next(WAIT).body()).path("text").asString()).isEqualTo("psst");
			await("the private counters").atMost(WAIT)
				.untilAsserted(() -> assertThat(b.counter(ChatMeters.MESSAGES_OUT, "kind", "private") - outOnB)
					.as("out on B, bob's instance")
					.isEqualTo(1));
			assertThat(a.counter(ChatMeters.MESSAGES_IN, "kind", "private") - inOnA).as("in on A").isEqualTo(1);
		}
	}

	@Test
	void countsEveryErrorByItsCodeAndRateLimitedOnesAmongThem() {
		String room = ClusterClients.room("limited");
		double badRoom = a.counter(ChatMeters.ERRORS, "code", "bad-room");
		double limited = a.counter(ChatMeters.ERRORS, "code", "rate-limited");
		double errorsOut = a.counter(ChatMeters.MESSAGES_OUT, "kind", "errors");
		// admin, on instance A: the other classes send as admin only on instance B, and
		// each instance keeps its own buckets.
		try (StompTestSession admin = ClusterClients.connect(cluster.port(0), "admin")) {
			FrameQueue errors = admin.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue live = admin.subscribeWithReceipt("/topic/room." + room, WAIT);

			admin.sendJson("/app/room.NOT-A-ROOM.send", "{\"text\":\"x\"}");
			assertThat(json(errors.next(WAIT).body()).path("code").asString()).isEqualTo("bad-room");
			int sent = 40;
			for (int i = 0; i < sent; i++) {
				admin.sendJson("/app/room." + room + ".send", "{\"text\":\"flood\"}");
			}
			await("an answer to each of the %d SENDs: delivered or refused".formatted(sent)).atMost(WAIT)
				.until(() -> errors.size() + live.size() >= sent);
			int refusedInAll = 0;
			for (ReceivedFrame error = errors.poll(Duration.ZERO); error != null; error = errors.poll(Duration.ZERO)) {
				assertThat(json(error.body()).path("code").asString()).isEqualTo("rate-limited");
				refusedInAll++;
			}

			assertThat(refusedInAll).as("3.5: rate-limited answers to %d SENDs at once (needs exercise 3.5)", sent)
				.isPositive();
			int refused = refusedInAll;
			await("the error counters").atMost(WAIT).untilAsserted(() -> {
				assertThat(a.counter(ChatMeters.ERRORS, "code", "rate-limited") - limited).isEqualTo(refused);
				assertThat(a.counter(ChatMeters.ERRORS, "code", "bad-room") - badRoom).isEqualTo(1);
				assertThat(a.counter(ChatMeters.MESSAGES_OUT, "kind", "errors") - errorsOut).isEqualTo(refused + 1);
			});
			refill(admin, errors, live, room);
		}
	}

	@Test
	void countsAHandshakeFromAForeignOriginAsRefusedForItsOrigin() {
		double before = b.counter(ChatMeters.HANDSHAKES_REFUSED, "reason", "origin");

		HttpResponse<?> refused = refusal(handshake(HttpClient.newHttpClient(), 1, "http://evil.example", null));

		assertThat(refused.statusCode()).as("Spring's answer to a foreign origin").isEqualTo(403);
		// Counted once the filter chain returns, which may be just after the client read
		// the answer.
		await("the origin refusal counted").atMost(WAIT)
			.untilAsserted(() -> assertThat(b.counter(ChatMeters.HANDSHAKES_REFUSED, "reason", "origin") - before)
				.isEqualTo(1));
	}

	@Test
	void countsAHandshakeOverTheConnectionCapAsRefusedByTheCap() {
		double before = a.counter(ChatMeters.HANDSHAKES_REFUSED, "reason", "connection-cap");
		HttpClient http = HttpClient.newHttpClient();
		List<WebSocket> open = new ArrayList<>();
		try {
			// 100 is the cluster's wslab.limits.connections-per-ip; 127.0.0.1 is a
			// trusted proxy, so the client is the forwarded address (RFC 5737).
			for (int i = 0; i < 100; i++) {
				open.add(handshake(http, 0, ChatCluster.PAGE_ORIGIN, "192.0.2.77").join());
			}

			HttpResponse<?> refused = refusal(handshake(http, 0, ChatCluster.PAGE_ORIGIN, "192.0.2.77"));

			assertThat(refused.statusCode()).as("handshake 101 from one client (needs exercise 3.6)").isEqualTo(429);
			await("the cap's refusal counted").atMost(WAIT)
				.untilAsserted(
						() -> assertThat(a.counter(ChatMeters.HANDSHAKES_REFUSED, "reason", "connection-cap") - before)
							.isEqualTo(1));
		}
		finally {
			open.forEach(WebSocket::abort);
		}
	}

	@Test
	void saysTheRelayIsAvailableOnEveryInstance() {
		assertThat(a.gauge(ChatMeters.RELAY_AVAILABLE)).as("on A").isEqualTo(1);
		assertThat(b.gauge(ChatMeters.RELAY_AVAILABLE)).as("on B").isEqualTo(1);
		assertThat(a.gauge(ChatMeters.RELAY_SESSIONS)).as("the relay's broker sessions on A, its own included")
			.isGreaterThanOrEqualTo(1);
		assertThat(a.gauge(ChatMeters.OUTBOUND_BACKLOG)).as("an idle instance's outbound backlog").isZero();
	}

	@Test
	void servesPrometheusOnLoopbackAndRefusesItFromAnyOtherAddress() throws Exception {
		HttpResponse<String> onLoopback = ClusterClients
			.get(URI.create("http://127.0.0.1:" + cluster.port(0) + "/actuator/prometheus"));
		assertThat(onLoopback.statusCode()).isEqualTo(200);
		assertThat(onLoopback.body()).contains("wslab_chat_messages_in_total{kind=\"room\"}");

		// From any other address: the instance's own security chain, asked with a request
		// from a documentation address (RFC 5737), so that the check does not depend on
		// the machine having a network interface besides loopback.
		FilterChainProxy actuatorChain = new FilterChainProxy(
				cluster.context(0).getBean("actuatorOnLoopback", SecurityFilterChain.class));
		MockHttpServletRequest fromOutside = new MockHttpServletRequest("GET", "/actuator/prometheus");
		fromOutside.setServletPath("/actuator/prometheus");
		fromOutside.setRemoteAddr("192.0.2.10");
		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockFilterChain app = new MockFilterChain();

		actuatorChain.doFilter(fromOutside, refused, app);

		assertThat(refused.getStatus()).as("/actuator/prometheus asked from 192.0.2.10").isEqualTo(403);
		assertThat(app.getRequest()).as("the request never reached the actuator").isNull();
	}

	private static void awaitOnline(String user) {
		await(user + " online").atMost(WAIT)
			.until(() -> cluster.context(0)
				.getBean(dev.wslab.production.presence.ClusterPresence.class)
				.isOnline(user));
	}

	/** Gives admin's bucket on A back: one SEND at a time until one is not refused. */
	private static void refill(StompTestSession admin, FrameQueue errors, FrameQueue live, String room) {
		await("admin's bucket refilled on A").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				while (errors.poll(Duration.ZERO) != null || live.poll(Duration.ZERO) != null) {
					// what is left of the flood
				}
				admin.sendJson("/app/room." + room + ".send", "{\"text\":\"probe\"}");
				return live.poll(Duration.ofSeconds(2)) != null && errors.poll(Duration.ZERO) == null;
			});
	}

	private static CompletableFuture<WebSocket> handshake(HttpClient http, int instance, String origin,
			String forwardedFor) {
		WebSocket.Builder builder = http.newWebSocketBuilder().header("Origin", origin).connectTimeout(WAIT);
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder.buildAsync(URI.create("ws://127.0.0.1:" + cluster.port(instance) + "/ws/chat"),
				new WebSocket.Listener() {
				});
	}

	private static HttpResponse<?> refusal(CompletableFuture<WebSocket> handshake) {
		try {
			handshake.join().abort();
			throw new AssertionError("the handshake was accepted (101), not refused");
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse();
			}
			throw new AssertionError("the handshake failed without an HTTP answer", ex);
		}
	}

}
