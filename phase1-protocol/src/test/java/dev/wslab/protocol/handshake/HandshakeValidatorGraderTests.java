package dev.wslab.protocol.handshake;

import java.util.List;
import java.util.Set;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 1.2: validating the opening handshake (RFC 6455 §4.2.1, §4.2.2, §4.4).
 */
@Grades("1.2")
class HandshakeValidatorGraderTests {

	private final HandshakeValidator validator = new HandshakeValidator(
			new HandshakePolicy("/echo", Set.of("http://127.0.0.1:8081"), List.of("echo", "chat")));

	@Test
	void acceptsTheRfcExampleWithSwitchingProtocolsAndTheAcceptValue() {
		HandshakeResponse response = answer("""
				GET /echo HTTP/1.1\r
				Host: server.example.com\r
				Upgrade: websocket\r
				Connection: Upgrade\r
				Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
				Sec-WebSocket-Version: 13\r
				\r
				""");

		assertThat(new String(response.toBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("""
				HTTP/1.1 101 Switching Protocols\r
				Upgrade: websocket\r
				Connection: Upgrade\r
				Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
				\r
				""");
	}

	@Test
	void readsUpgradeAndConnectionAsCaseInsensitiveTokenLists() {
		HandshakeResponse response = answer(request("Upgrade: WebSocket", "Connection: keep-alive, Upgrade"));

		assertThat(response.status()).as("Connection: keep-alive, Upgrade is what Firefox sends").isEqualTo(101);
	}

	@Test
	void refusesARequestThatIsNotGetWith400() {
		HandshakeResponse response = answer(
				request("Upgrade: websocket", "Connection: Upgrade").replace("GET /echo", "POST /echo"));

		assertThat(response.status()).isEqualTo(400);
	}

	@Test
	void refusesMissingUpgradeOrConnectionTokensWith400() {
		assertThat(answer(request("Connection: Upgrade")).status()).as("no Upgrade header").isEqualTo(400);
		assertThat(answer(request("Upgrade: websocket", "Connection: keep-alive")).status())
			.as("Connection without the Upgrade token")
			.isEqualTo(400);
	}

	@Test
	void refusesAKeyThatIsNotSixteenBytesOfBase64With400() {
		String shortKey = request("Upgrade: websocket", "Connection: Upgrade").replace("dGhlIHNhbXBsZSBub25jZQ==",
				"c2hvcnQ=");

		assertThat(answer(shortKey).status()).isEqualTo(400);
	}

	@Test
	void answersAnotherVersionWith426AndTheVersionItSpeaks() {
		HandshakeResponse response = answer(request("Upgrade: websocket", "Connection: Upgrade")
			.replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"));

		assertThat(response.status()).isEqualTo(426);
		assertThat(response.headers()).containsEntry("Sec-WebSocket-Version", "13");
	}

	@Test
	void refusesAForeignOriginWith403AndAcceptsAnAllowedOne() {
		HandshakeResponse foreign = answer(
				request("Upgrade: websocket", "Connection: Upgrade", "Origin: http://evil.example"));
		HandshakeResponse allowed = answer(
				request("Upgrade: websocket", "Connection: Upgrade", "Origin: http://127.0.0.1:8081"));

		assertThat(foreign.status()).as("cross-site WebSocket hijacking is refused").isEqualTo(403);
		assertThat(allowed.status()).isEqualTo(101);
	}

	@Test
	void choosesTheSubprotocolTheServerPrefersAmongThoseOffered() {
		HandshakeResponse both = answer(
				request("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Protocol: chat, echo"));
		HandshakeResponse none = answer(
				request("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Protocol: mqtt"));

		assertThat(both.headers()).containsEntry("Sec-WebSocket-Protocol", "echo");
		assertThat(none.status()).isEqualTo(101);
		assertThat(none.headers()).doesNotContainKey("Sec-WebSocket-Protocol");
	}

	@Test
	void answersAnotherPathWith404() {
		assertThat(answer(request("Upgrade: websocket", "Connection: Upgrade").replace("/echo", "/other")).status())
			.isEqualTo(404);
	}

	private HandshakeResponse answer(String request) {
		return this.validator.answer(HttpHeadReader.parse(request));
	}

	private static String request(String... headers) {
		StringBuilder text = new StringBuilder("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:8081\r\n");
		for (String header : headers) {
			text.append(header).append("\r\n");
		}
		return text.append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.toString();
	}

}
