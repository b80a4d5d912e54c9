package dev.wslab.spring.chat;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.wslab.spring.chat.ChatClients.WAIT;
import static dev.wslab.spring.chat.ChatClients.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Grades exercise 2.4: room messages and their history. */
@ChatServerTest
class RoomGraderTests {

	@LocalServerPort
	int port;

	@Test
	void broadcastsARoomMessageToEverySubscriberWithSenderAndTimestamp() {
		try (StompTestSession alice = ChatClients.connect(this.port, "alice");
				StompTestSession bob = ChatClients.connect(this.port, "bob")) {
			FrameQueue alicesRoom = alice.subscribeWithReceipt("/topic/room.lobby-1", WAIT);
			FrameQueue bobsRoom = bob.subscribeWithReceipt("/topic/room.lobby-1", WAIT);

			alice.sendJson("/app/room.lobby-1.send", "{\"text\":\"hello room\"}");

			for (FrameQueue queue : new FrameQueue[] { alicesRoom, bobsRoom }) {
				JsonNode message = json(queue.next(WAIT).body());
				assertThat(message.path("from").asString()).isEqualTo("alice");
				assertThat(message.path("text").asString()).isEqualTo("hello room");
				assertThat(message.path("timestamp").asString()).as("2.4: an ISO-8601 timestamp")
					.matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
			}
		}
	}

	@Test
	void takesTheSenderFromTheTokenNotFromTheBody() {
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			FrameQueue room = alice.subscribeWithReceipt("/topic/room.spoof", WAIT);

			alice.sendJson("/app/room.spoof.send", "{\"text\":\"it was bob\",\"from\":\"bob\"}");

			assertThat(json(room.next(WAIT).body()).path("from").asString()).isEqualTo("alice");
		}
	}

	@Test
	void keepsRoomsApart() {
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			FrameQueue red = alice.subscribeWithReceipt("/topic/room.red", WAIT);
			FrameQueue blue = alice.subscribeWithReceipt("/topic/room.blue", WAIT);

			alice.sendJson("/app/room.red.send", "{\"text\":\"for red\"}");
			alice.sendJson("/app/room.blue.send", "{\"text\":\"for blue\"}");

			assertThat(json(red.next(WAIT).body()).path("text").asString()).isEqualTo("for red");
			assertThat(json(blue.next(WAIT).body()).path("text").asString()).isEqualTo("for blue");
			assertThat(red.size()).isZero();
		}
	}

	@Test
	void deliversTheRoomsRecentHistoryToANewSubscriberOnly() {
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			FrameQueue early = alice.subscribeWithReceipt("/topic/room.history-1", WAIT);
			alice.sendJson("/app/room.history-1.send", "{\"text\":\"first\"}");
			alice.sendJson("/app/room.history-1.send", "{\"text\":\"second\"}");
			early.next(WAIT);
			early.next(WAIT);

			try (StompTestSession bob = ChatClients.connect(this.port, "bob")) {
				FrameQueue late = bob.subscribe("/topic/room.history-1");

				ReceivedFrame first = late.next(WAIT);
				ReceivedFrame second = late.next(WAIT);
				assertThat(json(first.body()).path("text").asString()).isEqualTo("first");
				assertThat(json(second.body()).path("text").asString()).isEqualTo("second");
				assertThat(first.header("history")).isEqualTo("true");
			}
			assertThat(early.size()).as("the history went to the new subscriber only").isZero();
		}
	}

}
