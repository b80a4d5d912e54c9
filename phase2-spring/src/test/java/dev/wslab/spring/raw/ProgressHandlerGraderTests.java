package dev.wslab.spring.raw;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 2.2: two replies in order, and no container thread held while
 * "processing". Tomcat gets two threads; a handler that sleeps a second per message could
 * serve at most two messages a second, so 60 messages at once would take 30 s. The test
 * allows 15.
 */
@Grades("2.2")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"server.tomcat.threads.max=2", "server.tomcat.threads.min-spare=1", "wslab.raw.progress-delay=1s" })
class ProgressHandlerGraderTests {

	@LocalServerPort
	int port;

	@Test
	void answersStartedAtOnceAndCompletedAboutASecondLater() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(uri())) {
			client.send(WireFrame.text("websockets 101"));

			assertThat(client.nextFrame(Duration.ofSeconds(5)).text())
				.isEqualTo("Started processing tutorial: websockets 101");
			assertThat(client.nextFrame(Duration.ofSeconds(5)).text())
				.isEqualTo("Completed processing tutorial: websockets 101");
		}
	}

	@Test
	void servesSixtyClientsOnTwoContainerThreadsWithoutHoldingOneWhileWaiting() throws Exception {
		List<Future<String>> completions = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 60; i++) {
				String tutorial = "tutorial " + i;
				completions.add(clients.submit(() -> {
					try (RawWebSocketClient client = RawWebSocketClient.connect(uri())) {
						client.send(WireFrame.text(tutorial));
						client.nextFrame(Duration.ofSeconds(15));
						return client.nextFrame(Duration.ofSeconds(15)).text();
					}
				}));
			}
			for (int i = 0; i < completions.size(); i++) {
				assertThat(completions.get(i).get()).isEqualTo("Completed processing tutorial: tutorial " + i);
			}
		}
	}

	private URI uri() {
		return URI.create("ws://127.0.0.1:" + this.port + "/ws/progress");
	}

}
