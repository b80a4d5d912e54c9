package dev.wslab.spring.reactive;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 2.12: stopping the reactive chat closes every session with 1001, and
 * shutdown does not wait out its timeout.
 */
@Grades("2.12")
class GracefulShutdownGraderTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void closesEverySessionWith1001AndStopsWithoutWaitingOutTheTimeout() throws Exception {
		// Graceful shutdown would wait up to 60 s for open WebSockets.
		ConfigurableApplicationContext app = ReactiveChatApp.application()
			.run("--server.port=0", "--spring.lifecycle.timeout-per-shutdown-phase=60s");
		List<RawWebSocketClient> clients = new ArrayList<>();
		try {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			for (int i = 0; i < 3; i++) {
				RawWebSocketClient client = RawWebSocketClient
					.connect(URI.create("ws://127.0.0.1:" + port + "/ws/reactive-chat?name=c" + i));
				client.send(WireFrame.text("c" + i + " here"));
				while (!client.nextFrame(WAIT).text().contains("c" + i + " here")) {
					// Earlier greetings.
				}
				clients.add(client);
			}

			CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);

			for (RawWebSocketClient client : clients) {
				WireFrame close = nextClose(client);
				assertThat(close.closeCode()).as("every session is closed with 1001 (going away)").isEqualTo(1001);
				client.send(WireFrame.close(1001, ""));
			}
			// Far less than the 60 s timeout: the app did not wait for the sockets.
			stopping.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(app.isActive()).isFalse();
		}
		finally {
			for (RawWebSocketClient client : clients) {
				client.close();
			}
			app.close();
		}
	}

	private static WireFrame nextClose(RawWebSocketClient client) {
		while (true) {
			WireFrame frame = client.nextFrame(WAIT);
			if (frame.opcode() == WireFrame.CLOSE) {
				return frame;
			}
		}
	}

}
