package dev.wslab.protocol.handshake;

import java.util.Base64;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 1.1: the {@code Sec-WebSocket-Accept} computation (RFC 6455 §4.2.2).
 */
@Grades("1.1")
class AcceptKeyGraderTests {

	@Test
	void answersTheRfcExampleKeyWithTheRfcExampleAccept() {
		String key = "dGhlIHNhbXBsZSBub25jZQ==";

		String accept = AcceptKey.of(key);

		assertThat(accept).as("RFC 6455 §1.3 gives this exact answer for the key %s", key)
			.isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@RepeatedTest(5)
	void agreesWithAnIndependentComputationForRandomKeys() {
		String key = RawWebSocketClient.newKey();

		String accept = AcceptKey.of(key);

		assertThat(accept).as("accept value for the random key %s", key).isEqualTo(RawWebSocketClient.acceptFor(key));
	}

	@Test
	void isTheBase64OfATwentyByteSha1Digest() {
		String accept = AcceptKey.of("x3JJHMbDL1EzLkh9GBhXDw==");

		assertThat(Base64.getDecoder().decode(accept)).as("a SHA-1 digest is 20 bytes").hasSize(20);
	}

	@Test
	void usesTheKeyExactlyAsSentWithoutDecodingIt() {
		// The key is hashed as the header's text; decoding the base64 first is a common
		// mistake.
		String key = "AQIDBAUGBwgJCgsMDQ4PEA==";

		assertThat(AcceptKey.of(key)).as("hash the key text itself, not its decoded bytes")
			.isEqualTo(RawWebSocketClient.acceptFor(key));
	}

}
