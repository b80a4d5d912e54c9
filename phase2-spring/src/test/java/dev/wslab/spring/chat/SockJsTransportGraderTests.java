package dev.wslab.spring.chat;

import java.net.URI;
import java.util.List;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;

import static dev.wslab.spring.chat.ChatClients.WAIT;
import static dev.wslab.spring.chat.ChatClients.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades the SockJS half of exercise 2.3: with WebSocket ruled out, Spring's own
 * {@link SockJsClient} falls back to HTTP streaming (XHR streaming, else XHR polling) and
 * chats with a native WebSocket client through the same broker.
 */
@Grades("2.3")
@ChatServerTest
class SockJsTransportGraderTests {

	@LocalServerPort
	int port;

	@Test
	void chatsEndToEndOverXhrWithoutWebSocket() {
		SockJsClient httpOnly = new SockJsClient(List.of(new RestTemplateXhrTransport()));
		URI endpoint = URI.create("http://" + ChatTarget.authority(this.port) + "/ws/chat-sockjs");
		String sockjsRoom = ChatClients.freshRoom("sockjs");
		try (StompTestSession alice = StompTestClient.over(httpOnly, endpoint, new WebSocketHttpHeaders(),
				ChatClients.bearer(ChatClients.token(this.port, "alice")), WAIT);
				StompTestSession bob = ChatClients.connect(this.port, "bob")) {
			FrameQueue alicesRoom = alice.subscribeWithReceipt("/topic/room." + sockjsRoom, WAIT);
			FrameQueue bobsRoom = bob.subscribeWithReceipt("/topic/room." + sockjsRoom, WAIT);
			FrameQueue alicesInbox = alice.subscribeWithReceipt("/user/queue/messages", WAIT);

			alice.sendJson("/app/room." + sockjsRoom + ".send", "{\"text\":\"sent over XHR\"}");
			bob.sendJson("/app/chat.private", "{\"to\":\"alice\",\"text\":\"received over XHR\"}");

			assertThat(json(bobsRoom.next(WAIT).body()).path("text").asString()).isEqualTo("sent over XHR");
			assertThat(json(alicesRoom.next(WAIT).body()).path("text").asString()).isEqualTo("sent over XHR");
			assertThat(json(alicesInbox.next(WAIT).body()).path("text").asString()).isEqualTo("received over XHR");
		}
	}

}
