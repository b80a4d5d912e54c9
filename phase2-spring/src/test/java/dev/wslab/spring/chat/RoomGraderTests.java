package dev.wslab.spring.chat;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.wslab.spring.chat.ChatClients.WAIT;
import static dev.wslab.spring.chat.ChatClients.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Grades exercise 2.4: room messages and their history. */
@Grades("2.4")
@ChatServerTest
class RoomGraderTests {

	@LocalServerPort
	int port;

	@Test
	void broadcastsARoomMessageToEverySubscriberWithSenderAndTimestamp() {
		String lobbyRoom = ChatClients.freshRoom("lobby");
		try (StompTestSession alice = ChatClients.connect(this.port, "alice");
				StompTestSession bob = ChatClients.connect(this.port, "bob")) {
			FrameQueue alicesRoom = alice.subscribeWithReceipt("/topic/room." + lobbyRoom, WAIT);
			FrameQueue bobsRoom = bob.subscribeWithReceipt("/topic/room." + lobbyRoom, WAIT);

			alice.sendJson("/app/room." + lobbyRoom + ".send", "{\"text\":\"hello room\"}");

			for (FrameQueue queue : new FrameQueue[] { alicesRoom, bobsRoom }) {
				JsonNode message = json(queue.next(WAIT).body());
				assertThat(message.path("from").asString()).isEqualTo("alice");
				assertThat(message.path("text").asString()).isEqualTo("hello room");
				assertThat(message.path("timestamp").asString()).as("an ISO-8601 timestamp")
					.matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
			}
		}
	}

	@Test
	void takesTheSenderFromTheTokenNotFromTheBody() {
		String spoofRoom = ChatClients.freshRoom("spoof");
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			FrameQueue room = alice.subscribeWithReceipt("/topic/room." + spoofRoom, WAIT);

			alice.sendJson("/app/room." + spoofRoom + ".send", "{\"text\":\"it was bob\",\"from\":\"bob\"}");

			assertThat(json(room.next(WAIT).body()).path("from").asString()).isEqualTo("alice");
		}
	}

	@Test
	void keepsRoomsApart() {
		String redRoom = ChatClients.freshRoom("red");
		String blueRoom = ChatClients.freshRoom("blue");
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			FrameQueue red = alice.subscribeWithReceipt("/topic/room." + redRoom, WAIT);
			FrameQueue blue = alice.subscribeWithReceipt("/topic/room." + blueRoom, WAIT);

			alice.sendJson("/app/room." + redRoom + ".send", "{\"text\":\"for red\"}");
			alice.sendJson("/app/room." + blueRoom + ".send", "{\"text\":\"for blue\"}");

			assertThat(json(red.next(WAIT).body()).path("text").asString()).isEqualTo("for red");
			assertThat(json(blue.next(WAIT).body()).path("text").asString()).isEqualTo("for blue");
			assertThat(red.size()).isZero();
		}
	}

	@Test
	void deliversTheRoomsRecentHistoryToANewSubscriberOnly() {
		String historyRoom = ChatClients.freshRoom("history");
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			FrameQueue early = alice.subscribeWithReceipt("/topic/room." + historyRoom, WAIT);
			alice.sendJson("/app/room." + historyRoom + ".send", "{\"text\":\"first\"}");
			alice.sendJson("/app/room." + historyRoom + ".send", "{\"text\":\"second\"}");
			early.next(WAIT);
			early.next(WAIT);

			try (StompTestSession bob = ChatClients.connect(this.port, "bob")) {
				FrameQueue late = bob.subscribeIncludingHistory("/topic/room." + historyRoom);

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
