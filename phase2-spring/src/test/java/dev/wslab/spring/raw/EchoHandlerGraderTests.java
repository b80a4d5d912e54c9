package dev.wslab.spring.raw;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 2.1: the echo handler, its origin allowlist, and safe concurrent sends.
 */
@Grades("2.1")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EchoHandlerGraderTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	EchoHandler echo;

	@Test
	void echoesTextMessages() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(uri())) {
			client.send(WireFrame.text("hello spring"));

			assertThat(client.nextFrame(WAIT).text()).isEqualTo("hello spring");
		}
	}

	@Test
	void tracksSessionsWhileTheyAreOpen() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(uri())) {
			client.send(WireFrame.text("ping"));
			client.nextFrame(WAIT);
			assertThat(this.echo.openSessions()).isGreaterThanOrEqualTo(1);
			client.send(WireFrame.close(1000, ""));
			client.nextFrame(WAIT);
		}
		await().atMost(WAIT).until(() -> this.echo.openSessions() == 0);
	}

	@Test
	void manyThreadsBroadcastingToOneSessionCorruptNoFrame() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(uri())) {
			client.send(WireFrame.text("ready"));
			assertThat(client.nextFrame(WAIT).text()).isEqualTo("ready");
			Set<String> expected = new HashSet<>();
			try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
				for (int t = 0; t < 16; t++) {
					int thread = t;
					for (int i = 0; i < 50; i++) {
						// 800 messages of about 200 bytes: well inside the decorator's
						// 512 KiB buffer limit.
						String text = "thread " + thread + " message " + i + " " + "x".repeat(180);
						expected.add(text);
						threads.submit(() -> this.echo.broadcast(text));
					}
				}
			}

			Set<String> received = new HashSet<>();
			for (int i = 0; i < expected.size(); i++) {
				WireFrame frame = client.nextFrame(WAIT);
				assertThat(frame.opcode()).as("every frame intact, none interleaved").isEqualTo(WireFrame.TEXT);
				received.add(frame.text());
			}
			assertThat(received).as("every broadcast arrives whole").isEqualTo(expected);
		}
	}

	@Test
	void refusesABrowserFromAnotherOriginWith403() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.openTcp("127.0.0.1", this.port)) {
			HttpHead head = client.handshake("GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\n"
					+ "Upgrade: websocket\r\nConnection: Upgrade\r\nOrigin: http://evil.example\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");

			assertThat(head.status()).isEqualTo(403);
			assertThat(this.echo.openSessions()).as("the refused handshake opened no session").isZero();
		}
	}

	private URI uri() {
		return URI.create("ws://127.0.0.1:" + this.port + "/ws/echo");
	}

}
