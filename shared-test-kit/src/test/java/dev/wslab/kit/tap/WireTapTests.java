package dev.wslab.kit.tap;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wire tap forwards a real session unchanged and prints its headers and frames both
 * ways.
 */
class WireTapTests {

	@Test
	void printsTheUpgradeAndEveryFrameInBothDirections() throws Exception {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws("/echo", (in, out) -> out.sendString(in.receive().asString())))
			.bindNow();
		List<String> lines = new CopyOnWriteArrayList<>();
		try (WireTap tap = WireTap.start(0, new InetSocketAddress("127.0.0.1", server.port()), lines::add);
				RawWebSocketClient client = RawWebSocketClient
					.connect(URI.create("ws://127.0.0.1:" + tap.port() + "/echo"))) {

			client.send(WireFrame.text("hello tap"));
			assertThat(client.nextFrame(Duration.ofSeconds(5)).text()).isEqualTo("hello tap");

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(String.join("\n", lines)).contains("#1 client → server  GET /echo HTTP/1.1")
							.contains("Sec-WebSocket-Key:")
							.contains("#1 server → client  HTTP/1.1 101 Switching Protocols")
							.contains("#1 client → server  TEXT   fin=1 rsv=000 mask=1 len=9      \"hello tap\"")
							.contains("#1 server → client  TEXT   fin=1 rsv=000 mask=0 len=9      \"hello tap\""));
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void describesCloseFramesWithTheirCodeAndReason() {
		String line = FrameSniffer.describe(0x88, false, 5, new byte[] { 0x03, (byte) 0xE8, 'b', 'y', 'e' });

		assertThat(line).isEqualTo("CLOSE  fin=1 rsv=000 mask=0 len=5      code=1000 reason=\"bye\"");
	}

}
