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

/** Grades exercise 2.5: private messages reach their recipient and nobody else. */
@Grades("2.5")
@ChatServerTest
class PrivateMessageGraderTests {

	@LocalServerPort
	int port;

	@Test
	void deliversAPrivateMessageToTheRecipientOnly() {
		try (StompTestSession alice = ChatClients.connect(this.port, "alice");
				StompTestSession bob = ChatClients.connect(this.port, "bob");
				StompTestSession admin = ChatClients.connect(this.port, "admin")) {
			FrameQueue alicesInbox = alice.subscribeWithReceipt("/user/queue/messages", WAIT);
			FrameQueue bobsInbox = bob.subscribeWithReceipt("/user/queue/messages", WAIT);
			FrameQueue adminsInbox = admin.subscribeWithReceipt("/user/queue/messages", WAIT);

			alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"just for you\"}");

			JsonNode received = json(bobsInbox.next(WAIT).body());
			assertThat(received.path("from").asString()).isEqualTo("alice");
			assertThat(received.path("to").asString()).isEqualTo("bob");
			assertThat(received.path("text").asString()).isEqualTo("just for you");
			// A later message to alice proves the earlier one had time to go astray.
			bob.sendJson("/app/chat.private", "{\"to\":\"alice\",\"text\":\"got it\"}");
			assertThat(json(alicesInbox.next(WAIT).body()).path("text").asString()).isEqualTo("got it");
			assertThat(adminsInbox.size()).as("nobody else receives it").isZero();
		}
	}

	@Test
	void reachesEverySessionOfTheRecipient() {
		try (StompTestSession alice = ChatClients.connect(this.port, "alice");
				StompTestSession bobTab1 = ChatClients.connect(this.port, "bob");
				StompTestSession bobTab2 = ChatClients.connect(this.port, "bob")) {
			FrameQueue first = bobTab1.subscribeWithReceipt("/user/queue/messages", WAIT);
			FrameQueue second = bobTab2.subscribeWithReceipt("/user/queue/messages", WAIT);

			alice.sendJson("/app/chat.private", "{\"to\":\"bob\",\"text\":\"both tabs\"}");

			assertThat(first.next(WAIT).body()).contains("both tabs");
			assertThat(second.next(WAIT).body()).contains("both tabs");
		}
	}

}
