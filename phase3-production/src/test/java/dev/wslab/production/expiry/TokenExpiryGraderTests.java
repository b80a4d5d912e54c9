package dev.wslab.production.expiry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.8: a session whose token expires gets an ERROR frame with
 * {@code message:token-expired} and is closed, not before the token's {@code exp}; a
 * session whose token is still valid is left alone.
 */
@Grades("3.8")
class TokenExpiryGraderTests {

	/** How long the short-lived tokens of these tests last. */
	private static final Duration SHORT = Duration.ofSeconds(5);

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void endsASessionWithTokenExpiredWhenItsTokenExpires() {
		Instant expiry = Instant.now().plus(SHORT).truncatedTo(ChronoUnit.SECONDS);
		try (StompTestSession alice = ClusterClients.connect("127.0.0.1:" + cluster.port(0), token("alice", expiry))) {

			ReceivedFrame error = alice.errors().next(WAIT.plus(SHORT));
			Instant arrived = Instant.now();

			assertThat(error.header("message")).as("""
					3.8: the ERROR frame's message header once the token expired
					(hint: scheduler.schedule(() -> send the ERROR, expiry) in connected(...))""")
				.isEqualTo("token-expired");
			assertThat(arrived).as("when the ERROR arrived, against the token's exp %s", expiry)
				.isAfterOrEqualTo(expiry);
			await("the expired session closed").atMost(WAIT).until(() -> !alice.isConnected());
		}
	}

	@Test
	void keepsASessionWhoseTokenIsStillValid() {
		Instant soon = Instant.now().plus(SHORT).truncatedTo(ChronoUnit.SECONDS);
		String room = ClusterClients.room("expiry");
		try (StompTestSession shortLived = ClusterClients.connect("127.0.0.1:" + cluster.port(1), token("alice", soon));
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue messages = bob.subscribeWithReceipt("/topic/room." + room, WAIT);

			assertThat(shortLived.errors().next(WAIT.plus(SHORT)).header("message")).isEqualTo("token-expired");

			assertThat(bob.errors().poll(Duration.ZERO)).as("bob's token lasts an hour: no ERROR for him").isNull();
			assertThat(bob.isConnected()).as("bob's session, after alice's token expired").isTrue();
			bob.sendJson("/app/room." + room + ".send", "{\"text\":\"still here\"}");
			assertThat(json(messages.next(WAIT).body()).path("text").asString()).isEqualTo("still here");
		}
	}

	/** A token as the chat issues them (exercise 2.6), signed with the cluster's key. */
	private static String token(String user, Instant expiry) {
		Instant now = Instant.now();
		return Jwts.builder()
			.issuer("wslab-chat")
			.subject(user)
			.claim("roles", List.of("USER"))
			.issuedAt(Date.from(now))
			.expiration(Date.from(expiry))
			.signWith(new SecretKeySpec(Base64.getDecoder().decode(ChatCluster.SECRET), "HmacSHA256"), Jwts.SIG.HS256)
			.compact();
	}

}
