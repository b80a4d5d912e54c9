package dev.wslab.spring.reactive;

import java.net.URI;
import java.time.Duration;

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
 * Grades exercise 2.11's slow-client policy for a client that never reads again: its
 * close frame cannot get out, so after the grace period the server drops the connection,
 * and the memory queued for it with it.
 */
@Grades("2.11")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "wslab.reactive.client-buffer=64",
				"wslab.reactive.close-grace=1s" })
class StalledClientGraderTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	ReactiveChatHandler chat;

	@Autowired
	HangUp hangUp;

	@Test
	void dropsTheConnectionOfAClientThatNeverTakesItsCloseFrame() throws Exception {
		URI room = URI.create("ws://127.0.0.1:" + this.port + "/ws/reactive-chat?name=");
		try (RawWebSocketClient ann = RawWebSocketClient.connect(URI.create(room + "ann"));
				RawWebSocketClient zed = RawWebSocketClient.connectWithoutReading(URI.create(room + "zed"))) {
			zed.send(WireFrame.text("zed here"));
			while (!ann.nextFrame(WAIT).text().contains("zed here")) {
				// Anything before it: skip.
			}
			String padding = "x".repeat(4_000);
			for (int sent = 0; this.chat.slowClientsClosed() == 0 && sent < 16_384; sent += 16) {
				for (int i = 0; i < 16; i++) {
					ann.send(WireFrame.text(sent + i + " " + padding));
				}
				for (int i = 0; i < 16; i++) {
					ann.nextFrame(WAIT);
				}
			}
			assertThat(this.chat.slowClientsClosed()).isEqualTo(1);

			// zed still reads nothing: after the grace period the server hangs up.
			await().atMost(WAIT).until(() -> this.hangUp.hungUp() == 1);
			zed.resumeReading();
			assertThat(zed.awaitTcpClose(WAIT)).as("the server closed zed's TCP connection").isTrue();
			assertThat(zed.transcript().toString()).as("zed never got a close frame").doesNotContain("CLOSE");
			ann.send(WireFrame.text("still here"));
			while (!ann.nextFrame(WAIT).text().contains("still here")) {
				// The end of the last round: skip.
			}
		}
	}

}
