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

import org.springframework.boot.logging.LoggingSystem;
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
		// Spring Boot would reset Logback as this app starts, dropping the kit's capture
		// of
		// the server log, which is where a starter's TODO(2.12) in stop() shows.
		String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		ConfigurableApplicationContext app;
		try {
			app = ReactiveChatApp.application()
				.run("--server.port=0", "--spring.lifecycle.timeout-per-shutdown-phase=60s");
		}
		finally {
			if (loggingSystem == null) {
				System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
			}
			else {
				System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
			}
		}
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

			int tracked = app.getBean(GoingAway.class).openSessions();
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);

			for (RawWebSocketClient client : clients) {
				WireFrame close = nextClose(client);
				assertThat(close.closeCode()).as("every session is closed with 1001 (going away)").isEqualTo(1001);
				client.send(WireFrame.close(1001, ""));
			}
			// Far less than the 60 s timeout: the app did not wait for the sockets.
			stopping.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(app.isActive()).isFalse();
			assertThat(tracked).as("GoingAway.openSessions() while the three clients were connected").isEqualTo(3);
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
