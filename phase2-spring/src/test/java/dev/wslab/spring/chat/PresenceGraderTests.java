package dev.wslab.spring.chat;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.wslab.spring.chat.ChatClients.WAIT;
import static dev.wslab.spring.chat.ChatClients.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 2.10: joins and leaves are announced, and the online list can be read.
 */
@Grades("2.10")
@ChatServerTest
class PresenceGraderTests {

	@LocalServerPort
	int port;

	@Test
	void announcesAJoinAndALeave() {
		try (StompTestSession admin = ChatClients.connect(this.port, "admin")) {
			FrameQueue presence = admin.subscribeWithReceipt("/topic/presence", WAIT);

			StompTestSession bob = ChatClients.connect(this.port, "bob");
			JsonNode joined = next(presence, "bob");
			assertThat(joined.path("online").asBoolean()).isTrue();

			bob.close();
			JsonNode left = next(presence, "bob");
			assertThat(left.path("online").asBoolean()).isFalse();
		}
	}

	@Test
	void listsWhoIsOnlineOnSubscribe() {
		try (StompTestSession alice = ChatClients.connect(this.port, "alice");
				StompTestSession bob = ChatClients.connect(this.port, "bob")) {
			FrameQueue online = alice.subscribe("/app/presence");

			JsonNode users = json(online.next(WAIT).body());
			assertThat(users.isArray()).isTrue();
			assertThat(users.values()).extracting(JsonNode::asString).contains("alice", "bob");
		}
	}

	@Test
	void aSecondTabDoesNotAnnounceAgain() {
		try (StompTestSession admin = ChatClients.connect(this.port, "admin");
				StompTestSession bob = ChatClients.connect(this.port, "bob")) {
			FrameQueue presence = admin.subscribeWithReceipt("/topic/presence", WAIT);

			StompTestSession secondTab = ChatClients.connect(this.port, "bob");
			secondTab.close();
			// bob still has a session: a leave now would be wrong. alice's join is the
			// marker that everything before it was announced.
			try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
				while (true) {
					JsonNode next = json(presence.next(WAIT).body());
					assertThat(next.path("user").asString()).as("no join or leave for bob's second tab")
						.isNotEqualTo("bob");
					if (next.path("user").asString().equals("alice") && next.path("online").asBoolean()) {
						break;
					}
				}
			}
		}
	}

	private static JsonNode next(FrameQueue presence, String user) {
		// Other tests' users may come and go on the shared app: skip them.
		while (true) {
			JsonNode change = json(presence.next(WAIT).body());
			if (change.path("user").asString().equals(user)) {
				return change;
			}
		}
	}

}
