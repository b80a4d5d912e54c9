package dev.wslab.production.reconnect;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.10 through the cluster, with the reconnection attempts held by the
 * test instead of a timer: SENDs made while disconnected go out once connected again, and
 * an authentication ERROR gets one fresh token, never a loop on a dead one.
 */
@Grades("3.10")
class ReconnectingClientGraderTests {

	private static final Backoff QUICK = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ZERO,
			() -> 0L);

	static ChatCluster cluster;

	/** Reconnection attempts, held until the test runs them. */
	private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private final Delays holding = (delay, task) -> {
		this.waits.add(delay);
		this.held.add(task);
	};

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void sendsWhatWasSentWhileDisconnectedInOrderOnceConnectedAgain() throws Exception {
		String room = ClusterClients.room("offline");
		ConfigurableApplicationContext victim = cluster.startApart("offline-victim", Map.of());
		try (ReconnectingChatClient bob = new ReconnectingChatClient(
				List.of(ws(((WebServerApplicationContext) victim).getWebServer().getPort()), ws(cluster.port(0))),
				() -> ClusterClients.token("http://127.0.0.1:" + cluster.port(0), "bob"), (destination, id, body) -> {
				}, QUICK, this.holding); StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice")) {
			FrameQueue seenByAlice = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			bob.start();
			await("bob connected").atMost(WAIT).until(bob::isConnected);

			victim.close();
			await("bob's client noticed and asked for a reconnection").atMost(WAIT)
				.until(() -> !bob.isConnected() && !this.held.isEmpty());
			for (int n = 1; n <= 5; n++) {
				bob.send("/app/room." + room + ".send", "{\"text\":\"offline " + n + "\"}");
			}
			assertThat(bob.pending()).as("3.10: SENDs waiting while disconnected").isEqualTo(5);
			this.held.take().run();

			List<String> texts = new ArrayList<>();
			for (int n = 1; n <= 5; n++) {
				texts.add(json(seenByAlice.next(WAIT).body()).path("text").asString());
			}
			// The client writes them in order (OfflineQueueGraderTests checks drain's
			// order),
			// but the chat handles a session's frames on a thread pool and may log them
			// in
			// another (Phase 2 keeps setPreserveReceiveOrder off): each must come, once.
			assertThat(texts).as("""
					3.10: what alice saw of bob's five SENDs made while he was disconnected
					(hint: ReconnectingChatClient sends OfflineQueue.drain() once connected)""")
				.containsExactlyInAnyOrder("offline 1", "offline 2", "offline 3", "offline 4", "offline 5");
			assertThat(bob.pending()).isZero();
		}
		finally {
			victim.close();
		}
	}

	@Test
	void takesAFreshTokenOnceWhenItsTokenExpires() throws Exception {
		List<String> issued = new CopyOnWriteArrayList<>();
		AtomicInteger asked = new AtomicInteger();
		Instant soon = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
		Tally tally = new Tally("unused");
		try (ReconnectingChatClient bob = new ReconnectingChatClient(List.of(ws(cluster.port(1))), () -> {
			String token = (asked.getAndIncrement() == 0) ? token("bob", soon)
					: ClusterClients.token("http://127.0.0.1:" + cluster.port(1), "bob");
			issued.add(token);
			return token;
		}, tally, QUICK, this.holding)) {
			bob.start();
			await("bob connected with a token that lives 5 to 6 s").atMost(WAIT).until(bob::isConnected);

			Runnable reconnect = this.held.poll(WAIT.toSeconds() + 6, TimeUnit.SECONDS);
			assertThat(reconnect).as("3.10: a reconnection once the server said token-expired").isNotNull();
			assertThat(asked.get()).as("3.10: tokens asked of the supplier after token-expired").isEqualTo(2);
			reconnect.run();

			await("bob connected again with the fresh token").atMost(WAIT).until(() -> tally.connections() == 2);
			assertThat(issued.get(1)).isNotEqualTo(issued.get(0));
			assertThat(bob.attempts()).isEqualTo(2);
		}
	}

	@Test
	void givesUpWhenAFreshTokenIsRefusedInsteadOfRetryingIt() {
		AtomicInteger asked = new AtomicInteger();
		List<String> gaveUp = new CopyOnWriteArrayList<>();
		ChatListener listener = new ChatListener() {
			@Override
			public void message(String destination, String id, String json) {
			}

			@Override
			public void gaveUp(String reason) {
				gaveUp.add(reason);
			}
		};
		try (ReconnectingChatClient bob = new ReconnectingChatClient(List.of(ws(cluster.port(0))), () -> {
			asked.incrementAndGet();
			return "not-a-token";
		}, listener, QUICK, this.holding)) {
			bob.start();

			await("the client gave up").atMost(WAIT).until(() -> !gaveUp.isEmpty());
			assertThat(gaveUp.get(0)).startsWith("Unauthorized");
			assertThat(this.held).as("3.10: reconnections asked for after a fresh token was refused").isEmpty();
			assertThat(bob.attempts()).isEqualTo(1);
			assertThat(asked.get()).isEqualTo(1);
		}
	}

	private static URI ws(int port) {
		return URI.create("ws://127.0.0.1:" + port + "/ws/chat");
	}

	/** A token as the chat issues them (exercise 2.6), signed with the cluster's key. */
	static String token(String user, Instant expiry) {
		return Jwts.builder()
			.issuer("wslab-chat")
			.subject(user)
			.claim("roles", List.of("USER"))
			.issuedAt(Date.from(Instant.now()))
			.expiration(Date.from(expiry))
			.signWith(new SecretKeySpec(Base64.getDecoder().decode(ChatCluster.SECRET), "HmacSHA256"), Jwts.SIG.HS256)
			.compact();
	}

}
