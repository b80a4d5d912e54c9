package dev.wslab.production.limits;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
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

	private final Semaphore pongs = new Semaphore(0);

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

			countedOnTheServer(open);
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

			countedOnTheServer(open);
			HttpResponse<?> refused = refusal(handshake(untrusted, 1, "203.0.113.200"));

			assertThat(refused.statusCode()).as("""
					3.6: handshake %d from 127.0.0.2, each claiming another X-Forwarded-For; 127.0.0.2 is no
					trusted proxy, so all of them are one client""", CAP + 1).isEqualTo(429);
		}
		finally {
			closeAll(open);
		}
	}

	@Test
	void explainsTheRefusalInPlainTextBeforeAnyUpgrade() throws Exception {
		HttpClient viaProxy = HttpClient.newHttpClient();
		String client = "198.51.100.21";
		List<WebSocket> open = new ArrayList<>();
		try {
			for (int i = 0; i < CAP; i++) {
				open.add(handshake(viaProxy, 0, client).join());
			}

			countedOnTheServer(open);
			// The JDK's client keeps a refused handshake's body to itself: ask by hand.
			String answer = rawHandshake(0, client);

			System.out.printf("[3.6] the refusal, as a browser's developer tools show it:%n%s%n", answer.strip());
			assertThat(answer).as("3.6: the status line of handshake %d from one client", CAP + 1)
				.startsWith("HTTP/1.1 429");
			assertThat(answer.lines().takeWhile((line) -> !line.isEmpty()))
				.as("3.6: the refusal's headers: a person reads it, so it says it is plain text")
				.anySatisfy(
						(header) -> assertThat(header.toLowerCase(Locale.ROOT)).startsWith("content-type: text/plain"));
			assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4))
				.as("3.6: the refusal's body tells the client why, and the cap")
				.contains(String.valueOf(CAP));
		}
		finally {
			closeAll(open);
		}
	}

	@Test
	void countsAForwardedForOfOnlyTrustedProxiesAsThePeerItself() throws Exception {
		// Nginx in front of Nginx: X-Forwarded-For names only trusted proxies, so no hop
		// is
		// the client's, and the connection counts as the peer's own (127.0.0.1).
		HttpClient viaProxy = HttpClient.newHttpClient();
		List<WebSocket> open = new ArrayList<>();
		try {
			HttpResponse<?> refused = null;
			for (int i = 0; i <= CAP && refused == null; i++) {
				try {
					open.add(
							handshake(viaProxy, 1, "127.0.0.1, 127.0.0.1").get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
				}
				catch (ExecutionException ex) {
					refused = (ex.getCause() instanceof WebSocketHandshakeException answer) ? answer.getResponse()
							: null;
					assertThat(refused).as("3.6: a handshake failed without an HTTP answer: %s", ex.getCause())
						.isNotNull();
				}
			}
			assertThat(refused).as("3.6: %d handshakes forwarded for 127.0.0.1 only, none refused", CAP + 1)
				.isNotNull();

			HttpResponse<?> direct = refusal(viaProxy.newWebSocketBuilder()
				.header("Origin", ChatCluster.PAGE_ORIGIN)
				.connectTimeout(WAIT)
				.buildAsync(URI.create("ws://127.0.0.1:" + cluster.port(1) + "/ws/chat"), new WebSocket.Listener() {
				}));

			assertThat(direct.statusCode()).as("""
					3.6: a handshake from 127.0.0.1 without X-Forwarded-For, after %d were forwarded for
					"127.0.0.1, 127.0.0.1": they were 127.0.0.1's own, so it is over the cap""", open.size())
				.isEqualTo(429);
		}
		finally {
			closeAll(open);
		}
	}

	private static String rawHandshake(int instance, String forwardedFor) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", cluster.port(instance))) {
			socket.setSoTimeout((int) WAIT.toMillis());
			String request = """
					GET /ws/chat HTTP/1.1\r
					Host: 127.0.0.1:%d\r
					Upgrade: websocket\r
					Connection: Upgrade, close\r
					Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
					Sec-WebSocket-Version: 13\r
					Origin: %s\r
					X-Forwarded-For: %s\r
					\r
					""".formatted(cluster.port(instance), ChatCluster.PAGE_ORIGIN, forwardedFor);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			// "close" asks the server to end the connection after its answer: read to the
			// end.
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * Waits until the server counts every open socket. A socket counts once the server
	 * has opened it, which can come a moment after the client has its 101; the server
	 * answers a ping only after that, so a pong from each socket proves it counted.
	 */
	private void countedOnTheServer(List<WebSocket> open) throws InterruptedException {
		for (WebSocket socket : open) {
			socket.sendPing(ByteBuffer.allocate(0));
		}
		assertThat(this.pongs.tryAcquire(open.size(), WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.as("3.6: a pong for each of the %d open sockets", open.size())
			.isTrue();
	}

	private CompletableFuture<WebSocket> handshake(HttpClient http, int instance, String forwardedFor) {
		return http.newWebSocketBuilder()
			.header("Origin", ChatCluster.PAGE_ORIGIN)
			.header("X-Forwarded-For", forwardedFor)
			.connectTimeout(WAIT)
			.buildAsync(URI.create("ws://127.0.0.1:" + cluster.port(instance) + "/ws/chat"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
					ConnectionCapGraderTests.this.pongs.release();
					socket.request(1);
					return null;
				}
			});
	}

	private static HttpResponse<?> refusal(CompletableFuture<WebSocket> handshake) throws Exception {
		try {
			WebSocket accepted = handshake.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			accepted.abort();
			throw new AssertionError(
					"3.6: handshake " + (CAP + 1) + " from one client was accepted (101), not refused");
		}
		catch (ExecutionException ex) {
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
