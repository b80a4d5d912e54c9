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
 * Grades exercise 2.9: a refused message comes back to its sender on
 * {@code /user/queue/errors}, says why, and the session stays open.
 */
@Grades("2.9")
@ChatServerTest
class ErrorQueueGraderTests {

	@LocalServerPort
	int port;

	@Test
	void refusesABlankMessage() {
		assertError("/app/room.%s.send", "{\"text\":\"   \"}", "blank-text");
	}

	@Test
	void refusesATooLongMessage() {
		assertError("/app/room.%s.send", "{\"text\":\"" + "x".repeat(501) + "\"}", "text-too-long");
	}

	@Test
	void refusesAnUnknownRecipient() {
		assertError("/app/chat.private", "{\"to\":\"mallory\",\"text\":\"hi\"}", "unknown-recipient");
	}

	@Test
	void refusesABodyThatIsNotJson() {
		assertError("/app/room.%s.send", "this is not json", "bad-json");
	}

	@Test
	void refusesABadRoomId() {
		assertError("/app/room.NOT ok!.send", "{\"text\":\"hi\"}", "bad-room");
	}

	@Test
	void tellsOnlyTheSender() {
		try (StompTestSession alice = ChatClients.connect(this.port, "alice");
				StompTestSession alice2 = ChatClients.connect(this.port, "alice");
				StompTestSession bob = ChatClients.connect(this.port, "bob")) {
			FrameQueue mine = alice.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue otherTab = alice2.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue bobs = bob.subscribeWithReceipt("/user/queue/errors", WAIT);

			String room = ChatClients.freshRoom("errors");
			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"\"}");
			assertThat(json(mine.next(WAIT).body()).path("code").asString()).isEqualTo("blank-text");
			// A second error, from alice's other tab, arrives after the first had time to
			// go astray.
			alice2.sendJson("/app/room." + room + ".send", "{\"text\":\"\"}");
			otherTab.next(WAIT);

			assertThat(otherTab.size()).as("broadcast = false, the sending session only").isZero();
			assertThat(mine.size()).isZero();
			assertThat(bobs.size()).isZero();
		}
	}

	/**
	 * Sends a refused message and checks the error and that the session stays usable, in
	 * a room of its own: a {@code %s} in the destination is that room.
	 */
	private void assertError(String destination, String body, String code) {
		String roomId = ChatClients.freshRoom("errors");
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			FrameQueue errors = alice.subscribeWithReceipt("/user/queue/errors", WAIT);
			FrameQueue room = alice.subscribeWithReceipt("/topic/room." + roomId, WAIT);

			alice.sendJson(destination.formatted(roomId), body);

			JsonNode error = json(errors.next(WAIT).body());
			assertThat(error.path("code").asString()).isEqualTo(code);
			assertThat(error.path("message").asString()).isNotBlank();
			// The session is still open and usable.
			alice.sendJson("/app/room." + roomId + ".send", "{\"text\":\"after the error\"}");
			assertThat(json(room.next(WAIT).body()).path("text").asString()).isEqualTo("after the error");
			assertThat(alice.errors().size()).as("no ERROR frame: a refused message is not a broken session").isZero();
		}
	}

}
