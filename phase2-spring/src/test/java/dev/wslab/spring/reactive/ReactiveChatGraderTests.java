package dev.wslab.spring.reactive;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.spring.ServerErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 2.11: the reactive chat, and its policy for a client that stops
 * reading.
 */
@ExtendWith(ServerErrors.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "wslab.reactive.client-buffer=64" })
class ReactiveChatGraderTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	ReactiveChatHandler chat;

	@Test
	void deliversEachMessageToEveryoneWithItsSender() throws Exception {
		try (RawWebSocketClient ann = joined("ann"); RawWebSocketClient ben = joined("ben")) {
			assertThat(ann.nextFrame(WAIT).text()).as("ann, already in, sees ben arrive").contains("ben here");

			ann.send(WireFrame.text("hello ben"));

			for (RawWebSocketClient client : new RawWebSocketClient[] { ann, ben }) {
				String json = client.nextFrame(WAIT).text();
				assertThat(json).contains("\"from\":\"ann\"")
					.contains("\"text\":\"hello ben\"")
					.contains("\"timestamp\"");
			}
		}
	}

	/**
	 * Connects and waits for its own greeting, so it is surely subscribed to the room.
	 */
	private RawWebSocketClient joined(String name) throws Exception {
		RawWebSocketClient client = RawWebSocketClient
			.connect(URI.create("ws://127.0.0.1:" + this.port + "/ws/reactive-chat?name=" + name));
		client.send(WireFrame.text(name + " here"));
		while (!client.nextFrame(WAIT).text().contains(name + " here")) {
			// Earlier messages of the room: skip them.
		}
		return client;
	}

}
