package dev.wslab.production.limits;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.6: a client address holds at most 100 WebSockets on an instance (the
 * cluster's {@code wslab.limits.connections-per-ip}); the next handshake is refused with
 * 429 and {@code Retry-After}, and {@code X-Forwarded-For} counts only from a trusted
 * proxy (127.0.0.1). Clients are named with documentation addresses (RFC 5737).
 */
@Grades("3.6")
class ConnectionCapGraderTests {

	private static final int CAP = 100;

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void refusesTheHandshakeOverTheCapWith429AndRetryAfter() throws Exception {
		HttpClient viaProxy = HttpClient.newHttpClient();
		String client = "198.51.100.7";
		List<WebSocket> open = new ArrayList<>();
		try {
			// From 127.0.0.1, a trusted proxy: the client is the address it forwards.
			for (int i = 0; i < CAP; i++) {
				open.add(handshake(viaProxy, 0, client).join());
			}

			HttpResponse<?> refused = refusal(handshake(viaProxy, 0, client));

			System.out.printf("[3.6] %d sockets open for %s; the next handshake: %d, Retry-After: %s%n", open.size(),
					client, refused.statusCode(), refused.headers().firstValue("Retry-After").orElse("(none)"));
			assertThat(refused.statusCode()).as("3.6: the answer to handshake %d from one client", CAP + 1)
				.isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).as("Retry-After, in seconds")
				.hasValueSatisfying((seconds) -> assertThat(seconds).matches("[1-9]\\d*"));
			open.add(handshake(viaProxy, 0, "198.51.100.8").join());

			open.remove(0).sendClose(WebSocket.NORMAL_CLOSURE, "").join();
			await("a socket for " + client + " once one of its own closed").atMost(WAIT).until(() -> {
				WebSocket again = handshake(viaProxy, 0, client).exceptionally((ex) -> null).join();
				return again != null && open.add(again);
			});
		}
		finally {
			closeAll(open);
		}
	}

	@Test
	void ignoresXForwardedForFromAPeerThatIsNotATrustedProxy() throws Exception {
		// 127.0.0.2 reaches the instance on loopback too, but is not in the trusted list.
		HttpClient untrusted = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
		List<WebSocket> open = new ArrayList<>();
		try {
			for (int i = 0; i < CAP; i++) {
				open.add(handshake(untrusted, 1, "203.0.113." + (i + 1)).join());
			}

			HttpResponse<?> refused = refusal(handshake(untrusted, 1, "203.0.113.200"));

			assertThat(refused.statusCode()).as("""
					3.6: handshake %d from 127.0.0.2, each claiming another X-Forwarded-For; 127.0.0.2 is no
					trusted proxy, so all of them are one client""", CAP + 1).isEqualTo(429);
		}
		finally {
			closeAll(open);
		}
	}

	private static java.util.concurrent.CompletableFuture<WebSocket> handshake(HttpClient http, int instance,
			String forwardedFor) {
		return http.newWebSocketBuilder()
			.header("Origin", ChatCluster.PAGE_ORIGIN)
			.header("X-Forwarded-For", forwardedFor)
			.connectTimeout(WAIT)
			.buildAsync(URI.create("ws://127.0.0.1:" + cluster.port(instance) + "/ws/chat"), new WebSocket.Listener() {
			});
	}

	private static HttpResponse<?> refusal(java.util.concurrent.CompletableFuture<WebSocket> handshake)
			throws Exception {
		try {
			WebSocket accepted = handshake.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			accepted.abort();
			throw new AssertionError(
					"3.6: handshake " + (CAP + 1) + " from one client was accepted (101), not refused");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse();
			}
			throw new AssertionError("3.6: handshake " + (CAP + 1) + " failed without an HTTP answer", ex);
		}
	}

	private static void closeAll(List<WebSocket> open) {
		for (WebSocket socket : open) {
			if (socket != null) {
				socket.abort();
			}
		}
	}

}
