package dev.wslab.production.relay;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.presence.ClusterPresence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures the user registry's window: how long an instance takes to hear of a session on
 * another instance (each broadcasts its users periodically). And shows that a private
 * message does not depend on it: sent while the sending instance still holds a dead
 * session of the recipient, it reaches the new one.
 */
class RegistryWindowTests {

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void deliversToANewSessionWhileTheSendingInstanceStillKnowsOnlyTheOldOne() {
		SimpUserRegistry registryOnA = cluster.context(0).getBean(SimpUserRegistry.class);
		ClusterPresence presence = cluster.context(0).getBean(ClusterPresence.class);
		Set<String> earlier = presence.sessionsOf("bob");
		String oldSession;
		try (StompTestSession bobBefore = ClusterClients.connect(cluster.port(1), "bob")) {
			bobBefore.subscribeWithReceipt("/user/queue/messages", WAIT);
			oldSession = presence.sessionsOf("bob")
				.stream()
				.filter((id) -> !earlier.contains(id))
				.findFirst()
				.orElseThrow();
			long connected = System.nanoTime();
			await("instance A hearing of bob's session on B").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> sessionsOf(registryOnA).contains(oldSession));
			System.out.printf("[3.1] registry window: A heard of a session on B after %d ms%n",
					(System.nanoTime() - connected) / 1_000_000);
		}

		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bobAgain = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue inbox = bobAgain.subscribeWithReceipt("/user/queue/messages", WAIT);
			Set<String> knownToA = sessionsOf(registryOnA);
			String text = "after the reconnect " + ClusterClients.room("window");

			alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"" + text + "\"}");

			assertThat(json(inbox.next(WAIT).body()).path("text").asString()).isEqualTo(text);
			System.out.printf("[3.1] when alice sent, A's registry had bob's sessions %s (the old one was %s)%n",
					knownToA, oldSession);
		}
	}

	private static Set<String> sessionsOf(SimpUserRegistry registry) {
		SimpUser bob = registry.getUser("bob");
		return (bob != null) ? bob.getSessions().stream().map(SimpSession::getId).collect(Collectors.toSet())
				: Set.of();
	}

}
