package dev.wslab.spring.chat;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.wslab.spring.chat.ChatClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 2.8: the message rules. Each refusal is an ERROR frame that says
 * "Forbidden", and the refused session ends; nothing reaches anyone.
 */
@Grades("2.8")
@ChatServerTest
class MessageRulesGraderTests {

	@LocalServerPort
	int port;

	@Test
	void refusesASendStraightToATopic() throws Exception {
		assertForbidden("""
				SEND
				destination:/topic/room.general
				content-type:application/json

				{"from":"admin","text":"fake"}""");
	}

	@Test
	void refusesASendStraightToAQueue() throws Exception {
		assertForbidden("""
				SEND
				destination:/queue/messages

				{"text":"fake"}""");
	}

	@Test
	void refusesSubscribingToAnotherUsersQueue() throws Exception {
		assertForbidden("""
				SUBSCRIBE
				id:sub-0
				destination:/user/bob/queue/messages

				""");
	}

	@Test
	void refusesSubscribingToAResolvedSessionQueue() throws Exception {
		assertForbidden("""
				SUBSCRIBE
				id:sub-0
				destination:/queue/messages-user1a2b3c

				""");
	}

	@Test
	void refusesAdminTopicsToAUser() throws Exception {
		assertForbidden("""
				SUBSCRIBE
				id:sub-0
				destination:/topic/admin/audit

				""");
	}

	@Test
	void refusesDestinationsNoRuleAllows() throws Exception {
		assertForbidden("""
				SUBSCRIBE
				id:sub-0
				destination:/elsewhere/anything

				""");
	}

	@Test
	void letsAnAdminSubscribeToAdminTopics() {
		String adminCheckRoom = ChatClients.freshRoom("admin-check");
		try (StompTestSession admin = ChatClients.connect(this.port, "admin")) {
			admin.subscribe("/topic/admin/audit");
			FrameQueue room = admin.subscribeWithReceipt("/topic/room." + adminCheckRoom, WAIT);

			admin.sendJson("/app/room." + adminCheckRoom + ".send", "{\"text\":\"allowed\"}");

			assertThat(room.next(WAIT).body()).contains("allowed");
			assertThat(admin.errors().size()).isZero();
		}
	}

	@Test
	void refusedFramesReachNobody() throws Exception {
		String roomId = ChatClients.freshRoom("rules");
		try (StompTestSession bob = ChatClients.connect(this.port, "bob")) {
			FrameQueue room = bob.subscribeWithReceipt("/topic/room." + roomId, WAIT);

			assertForbidden("""
					SEND
					destination:/topic/room.%s

					{"from":"admin","text":"fake"}""".formatted(roomId));
			bob.sendJson("/app/room." + roomId + ".send", "{\"text\":\"real\"}");

			assertThat(room.next(WAIT).body()).contains("\"real\"").doesNotContain("fake");
		}
	}

	private void assertForbidden(String frame) throws Exception {
		try (RawStomp stomp = RawStomp.open(this.port)) {
			stomp.send("""
					CONNECT
					accept-version:1.2
					host:localhost
					Authorization:Bearer %s

					""".formatted(ChatClients.token(this.port, "alice")));
			assertThat(stomp.next(WAIT)).startsWith("CONNECTED\n");

			stomp.send(frame);

			assertThat(stomp.next(WAIT)).startsWith("ERROR\n").contains("\nmessage:Forbidden");
		}
	}

}
