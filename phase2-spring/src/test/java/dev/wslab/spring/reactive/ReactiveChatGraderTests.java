package dev.wslab.spring.reactive;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * Grades exercise 2.11: the reactive chat, and its policy for a client that stops
 * reading.
 */
@Grades("2.11")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "wslab.reactive.client-buffer=64",
				// Long enough that the stalled client below always gets its close frame.
				"wslab.reactive.close-grace=60s" })
class ReactiveChatGraderTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** 64 MB: far past any socket buffer, so a server that never gives up fails here. */
	private static final int MAX_MESSAGES = 16_384;

	@LocalServerPort
	int port;

	@Autowired
	ReactiveChatHandler chat;

	@MockitoSpyBean
	GoingAway goingAway;

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

	@Test
	void closesAClientThatStopsReadingWith1008AndKeepsServingTheOthers() throws Exception {
		URI room = URI.create("ws://127.0.0.1:" + this.port + "/ws/reactive-chat?name=zed");
		try (RawWebSocketClient ann = joined("ann");
				RawWebSocketClient zed = RawWebSocketClient.connectWithoutReading(room)) {
			// zed says hello and then reads nothing; once ann sees the hello, zed is in
			// the
			// room.
			zed.send(WireFrame.text("zed here"));
			while (!ann.nextFrame(WAIT).text().contains("zed here")) {
				// Anything before it: skip.
			}

			// ann chats in rounds of 16 messages of 4 KB and reads each round back, in
			// order, before the next. zed's share backs up: the socket's buffers, then
			// Reactor Netty's writes in flight, then the client buffer of 64 messages.
			String padding = "x".repeat(4_000);
			int sent = 0;
			while (this.chat.slowClientsClosed() == 0 && sent < MAX_MESSAGES) {
				for (int i = 0; i < 16; i++) {
					ann.send(WireFrame.text(sent + i + " " + padding));
				}
				for (int i = 0; i < 16; i++) {
					assertThat(ann.nextFrame(WAIT).text()).as("ann gets every message, in order")
						.contains("\"text\":\"" + (sent + i) + " ");
				}
				sent += 16;
			}

			assertThat(this.chat.slowClientsClosed()).as("clients closed as too slow after %d messages of 4 KB", sent)
				.isEqualTo(1);
			zed.resumeReading();
			WireFrame last = zed.nextFrame(WAIT);
			while (last.opcode() != WireFrame.CLOSE) {
				last = zed.nextFrame(WAIT);
			}
			assertThat(last.closeCode()).isEqualTo(1008);
			assertThat(last.text()).contains("too slow");
			// ann is still in the room.
			ann.send(WireFrame.text("still here"));
			assertThat(ann.nextFrame(WAIT).text()).contains("still here");
		}
	}

	@Test
	void handsEachSessionToGoingAwayWhenItOpensAndWhenItEnds() throws Exception {
		// GoingAway is exercise 2.12's; here only its calls count, whatever it does.
		ArgumentCaptor<WebSocketSession> tracked = ArgumentCaptor.forClass(WebSocketSession.class);
		try (RawWebSocketClient uma = joined("uma")) {
			verify(this.goingAway, timeout(WAIT.toMillis()).atLeastOnce()).track(tracked.capture());
		}
		WebSocketSession umas = tracked.getAllValues()
			.stream()
			.filter((session) -> String.valueOf(session.getHandshakeInfo().getUri()).endsWith("name=uma"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session of uma's was given to GoingAway.track"));
		verify(this.goingAway, timeout(WAIT.toMillis()).description("""
				the session that ended, given to GoingAway.forget (or shutdown would close it \
				again, and the set would grow forever)""")).forget(umas);
	}

	@Test
	void dropsWhatNobodyCanTakeInsteadOfBlockingTheSender() throws Exception {
		// A room of its own, with nobody in it: its sink buffers 256 messages, then every
		// emission fails with FAIL_OVERFLOW. Retrying those would spin forever.
		ReactiveChatHandler empty = new ReactiveChatHandler(64, Clock.systemUTC(), new GoingAway(Duration.ofSeconds(1)),
				JsonMapper.builder().build(),
				new HangUp(Duration.ofSeconds(1), new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));

		CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 300; i++) {
				empty.publish("ann", "message " + i);
			}
		});

		assertThat(publishing)
			.as("300 messages published into an empty room; only FAIL_NON_SERIALIZED is worth a retry")
			.succeedsWithin(WAIT);
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
