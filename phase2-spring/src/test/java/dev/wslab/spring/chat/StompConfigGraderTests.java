package dev.wslab.spring.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;

import static dev.wslab.spring.chat.ChatClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 2.3: the endpoints, the prefixes, the simple broker and its heartbeats,
 * origins, and selectors.
 */
@Grades("2.3")
@ChatServerTest
class StompConfigGraderTests {

	@LocalServerPort
	int port;

	@Test
	void answersConnectWithTenSecondHeartbeatsBothWays() throws Exception {
		try (RawStomp stomp = RawStomp.open(this.port)) {
			stomp.send("""
					CONNECT
					accept-version:1.2
					host:localhost
					heart-beat:10000,10000
					Authorization:Bearer %s

					""".formatted(ChatClients.token(this.port, "alice")));

			String connected = stomp.next(WAIT);
			assertThat(connected).startsWith("CONNECTED\n").contains("\nversion:1.2\n");
			assertThat(connected).as("the simple broker needs heartbeats and a TaskScheduler")
				.contains("\nheart-beat:10000,10000\n");
		}
	}

	@Test
	void routesAppDestinationsToControllersAndTopicsThroughTheBroker() {
		String configCheckRoom = ChatClients.freshRoom("config-check");
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			FrameQueue room = alice.subscribeWithReceipt("/topic/room." + configCheckRoom, WAIT);

			alice.sendJson("/app/room." + configCheckRoom + ".send", "{\"text\":\"through /app and back on /topic\"}");

			assertThat(ChatClients.json(room.next(WAIT).body()).path("text").asString())
				.isEqualTo("through /app and back on /topic");
		}
	}

	@Test
	void servesTheSockJsEndpoint() throws Exception {
		HttpResponse<String> info = get("/ws/chat-sockjs/info", null);

		assertThat(info.statusCode()).as("/ws/chat-sockjs is a SockJS endpoint").isEqualTo(200);
		assertThat(ChatClients.json(info.body()).path("websocket").asBoolean()).isTrue();
	}

	@Test
	void refusesAWebSocketHandshakeFromAnotherSite() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.openTcp(ChatTarget.host(), ChatTarget.port(this.port))) {
			HttpHead head = client.handshake("GET /ws/chat HTTP/1.1\r\nHost: " + ChatTarget.authority(this.port)
					+ "\r\n" + "Upgrade: websocket\r\nConnection: Upgrade\r\nOrigin: https://evil.example\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

			assertThat(head.status()).as("/ws/chat allows only the configured origins").isEqualTo(403);
		}
	}

	@Test
	void refusesSockJsFromAnotherSite() throws Exception {
		assertThat(get("/ws/chat-sockjs/info", "https://evil.example").statusCode())
			.as("/ws/chat-sockjs allows only the configured origins")
			.isEqualTo(403);
	}

	@Test
	void acceptsAHandshakeFromTheChatsOwnPage() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.openTcp(ChatTarget.host(), ChatTarget.port(this.port))) {
			HttpHead head = client.handshake("GET /ws/chat HTTP/1.1\r\nHost: chat.example\r\n"
					+ "Upgrade: websocket\r\nConnection: Upgrade\r\nOrigin: " + ChatServerTest.PAGE_ORIGIN + "\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

			assertThat(head.status()).isEqualTo(101);
		}
	}

	@Test
	void ignoresSelectorHeadersSoNoExpressionIsEvaluated() {
		String selectorCheckRoom = ChatClients.freshRoom("selector-check");
		try (StompTestSession alice = ChatClients.connect(this.port, "alice")) {
			// Were selectors read, the first would filter every message out, and the
			// second
			// would be evaluated as SpEL (CVE-2018-1270).
			FrameQueue filtered = alice
				.subscribe(selector("/topic/room." + selectorCheckRoom, "headers['nope'] == 'x'"));
			FrameQueue hostile = alice.subscribe(selector("/topic/room." + selectorCheckRoom,
					"T(java.lang.System).setProperty('wslab.pwned', 'yes') == null"));
			FrameQueue plain = alice.subscribeWithReceipt("/topic/room." + selectorCheckRoom, WAIT);

			alice.sendJson("/app/room." + selectorCheckRoom + ".send", "{\"text\":\"selectors do nothing\"}");

			assertThat(plain.next(WAIT).body()).contains("selectors do nothing");
			assertThat(filtered.next(WAIT).body()).as("a selector header must not filter").contains("selectors");
			assertThat(hostile.next(WAIT).body()).contains("selectors do nothing");
			assertThat(System.getProperty("wslab.pwned")).as("no selector expression ran").isNull();
		}
	}

	private static StompHeaders selector(String destination, String expression) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.set("selector", expression);
		return headers;
	}

	private HttpResponse<String> get(String path, String origin) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://" + ChatTarget.authority(this.port) + path))
			.timeout(WAIT);
		if (origin != null) {
			request.header("Origin", origin);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
