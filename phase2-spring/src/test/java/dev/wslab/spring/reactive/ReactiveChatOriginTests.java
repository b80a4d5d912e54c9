package dev.wslab.spring.reactive;

import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive chat's handshake checks the Origin through CORS on its handler mapping
 * (scaffolding, not an exercise).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "wslab.reactive.client-buffer=64" })
class ReactiveChatOriginTests {

	@LocalServerPort
	int port;

	@Test
	void refusesAHandshakeFromAnotherSite() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.openTcp("127.0.0.1", this.port)) {
			HttpHead head = client.handshake("GET /ws/reactive-chat HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\n"
					+ "Upgrade: websocket\r\nConnection: Upgrade\r\nOrigin: https://evil.example\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

			assertThat(head.status()).isEqualTo(403);
		}
	}

}
