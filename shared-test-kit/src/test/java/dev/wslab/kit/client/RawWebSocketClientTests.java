package dev.wslab.kit.client;

import java.net.URI;
import java.time.Duration;

import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The raw client against Reactor Netty, a WebSocket server nobody here wrote. */
class RawWebSocketClientTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static DisposableServer server;

	@BeforeAll
	static void start() {
		server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws("/echo", (in, out) -> out.sendString(in.receive().asString())))
			.bindNow();
	}

	@AfterAll
	static void stop() {
		server.disposeNow();
	}

	@Test
	void computesTheRfcExampleAcceptValue() {
		assertThat(RawWebSocketClient.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void echoesLongMessagesThatNeedTheSixteenBitLength() throws Exception {
		String text = "x".repeat(40_000);

		try (RawWebSocketClient client = RawWebSocketClient.connect(uri())) {
			client.send(WireFrame.text(text));

			assertThat(client.nextFrame(WAIT).text()).isEqualTo(text);
		}
	}

	@Test
	void anUnmaskedClientFrameMakesTheServerCloseWithProtocolError() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(uri())) {
			client.send(WireFrame.text("not masked").withMask(false));

			WireFrame close = client.nextFrame(WAIT);

			assertThat(close.opcode()).isEqualTo(WireFrame.CLOSE);
			assertThat(close.closeCode()).isEqualTo(1002);
			assertThat(client.transcript().toString()).contains("→ TEXT fin=1 len=10 'not masked'").contains("← CLOSE");
		}
	}

	@Test
	void aHandwrittenRequestWithTheWrongVersionIsRefused() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.openTcp("127.0.0.1", server.port())) {
			HttpHead head = client.handshake("""
					GET /echo HTTP/1.1\r
					Host: 127.0.0.1\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
					Sec-WebSocket-Version: 99\r
					\r
					""");

			assertThat(head.status()).isNotEqualTo(101);
		}
	}

	@Test
	void waitingForAFrameThatNeverComesFailsWithTheTranscript() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(uri())) {
			assertThatThrownBy(() -> client.nextFrame(Duration.ofMillis(200)))
				.hasMessageContaining("No frame from the server within 200 ms")
				.hasMessageContaining("HTTP/1.1 101");
		}
	}

	private static URI uri() {
		return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
	}

}
