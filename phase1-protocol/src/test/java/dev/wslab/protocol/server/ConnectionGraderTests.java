package dev.wslab.protocol.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 1.12: one connection's frame loop, on the real server over real sockets
 * (RFC 6455 §5, §7).
 */
@Grades("1.12")
class ConnectionGraderTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Test
	void echoesTextAndBinaryMessages() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.echo(); RawWebSocketClient client = server.connect()) {
			server.grade(() -> {
				client.send(WireFrame.text("hello"));
				client.send(WireFrame.binary(new byte[] { 1, 2, 3 }));

				assertThat(client.nextFrame(WAIT).text()).isEqualTo("hello");
				assertThat(client.nextFrame(WAIT).payload()).containsExactly(1, 2, 3);
			});
		}
	}

	@Test
	void answersAPingBetweenFragmentsBeforeTheMessageCompletes() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.echo(); RawWebSocketClient client = server.connect()) {
			server.grade(() -> {
				client.send(WireFrame.text("frag").withFin(false));
				client.send(WireFrame.ping("between".getBytes()));
				client.send(WireFrame.text("mented").withOpcode(WireFrame.CONTINUATION));

				WireFrame pong = client.nextFrame(WAIT);
				assertThat(pong.opcode()).as("the pong comes first, mid-message").isEqualTo(WireFrame.PONG);
				assertThat(pong.text()).isEqualTo("between");
				assertThat(client.nextFrame(WAIT).text()).isEqualTo("fragmented");
			});
		}
	}

	@Test
	void echoesTheClientsCloseAndThenClosesTcp() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.echo(); RawWebSocketClient client = server.connect()) {
			server.grade(() -> {
				client.send(WireFrame.close(1000, "done"));

				WireFrame close = client.nextFrame(WAIT);
				assertThat(close.opcode()).isEqualTo(WireFrame.CLOSE);
				assertThat(close.closeCode()).isEqualTo(1000);
				assertThat(client.awaitTcpClose(WAIT)).as("the server closes TCP after the close handshake").isTrue();
			});
		}
	}

	@Test
	void closesOnlyTheOffendingConnectionWithItsCode() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.echo();
				RawWebSocketClient offender = server.connect();
				RawWebSocketClient bystander = server.connect()) {
			server.grade(() -> {
				offender.send(WireFrame.text("unmasked").withMask(false));

				assertThat(offender.nextFrame(WAIT).closeCode()).isEqualTo(1002);
				assertThat(offender.awaitTcpClose(WAIT)).isTrue();
				bystander.send(WireFrame.text("still here"));
				assertThat(bystander.nextFrame(WAIT).text()).isEqualTo("still here");
			});
		}
	}

	@Test
	void sendsNoDataAfterItsCloseFrame() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.echo(); RawWebSocketClient client = server.connect()) {
			server.grade(() -> {
				client.send(WireFrame.text("bad").withRsv(1));
				client.send(WireFrame.text("ignored after the error"));

				assertThat(client.nextFrame(WAIT).closeCode()).isEqualTo(1002);
				assertThat(client.awaitTcpClose(WAIT)).as("no echo may follow the close frame").isTrue();
				assertThat(client.transcript().lines()).noneMatch((line) -> line.contains("← TEXT"));
			});
		}
	}

	@Test
	void pingsASilentPeerAndClosesAnIdleOneWith1001() throws Exception {
		ServerConfig config = ServerConfig.defaults(0).withLiveness(Duration.ofMillis(200), Duration.ofMillis(1200));
		try (ServerUnderTest server = new ServerUnderTest(config); RawWebSocketClient client = server.connect()) {
			server.grade(() -> {
				WireFrame ping = client.nextFrame(WAIT);
				assertThat(ping.opcode()).as("a keepalive ping after silence").isEqualTo(WireFrame.PING);

				WireFrame close = nextClose(client);
				assertThat(close.closeCode()).as("an idle connection is closed as going away").isEqualTo(1001);
			});
		}
	}

	@Test
	void servesManyConnectionsAtOnceEachOnItsOwnThread() throws Exception {
		try (ServerUnderTest server = ServerUnderTest.echo();
				ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			server.grade(() -> {
				List<Future<String>> echoes = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					String text = "client " + i;
					Callable<String> task = () -> {
						try (RawWebSocketClient client = server.connect()) {
							client.send(WireFrame.text(text));
							return client.nextFrame(WAIT).text();
						}
					};
					echoes.add(clients.submit(task));
				}
				for (int i = 0; i < echoes.size(); i++) {
					assertThat(echoes.get(i).get()).isEqualTo("client " + i);
				}
			});
		}
	}

	@Test
	void tellsTheHandlerItsSessionIsOpenWithItsSubprotocolAndClosedAfterTheHandshake() throws Exception {
		BlockingQueue<String> seen = new LinkedBlockingQueue<>();
		AtomicReference<Session> held = new AtomicReference<>();
		MessageHandler handler = (session, message) -> {
			held.set(session);
			seen.add("open=" + session.isOpen() + " subprotocol=" + session.subprotocol());
		};
		try (ServerUnderTest server = new ServerUnderTest(ServerConfig.defaults(0), handler);
				RawWebSocketClient client = server.connect("Sec-WebSocket-Protocol: echo")) {
			server.grade(() -> {
				client.send(WireFrame.text("hi"));

				assertThat(seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
					.as("1.12: what the handler saw of its session during a message")
					.isEqualTo("open=true subprotocol=echo");
				client.send(WireFrame.close(1000, "done"));
				assertThat(client.nextFrame(WAIT).closeCode()).isEqualTo(1000);
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(held.get().isOpen())
						.as("1.12: after the close handshake the session is no longer open")
						.isFalse());
			});
		}
	}

	@Test
	void closesWith1011WhenTheHandlerThrows() throws Exception {
		MessageHandler failing = (session, message) -> {
			throw new IllegalStateException("the application failed");
		};
		try (ServerUnderTest server = new ServerUnderTest(ServerConfig.defaults(0), failing);
				RawWebSocketClient client = server.connect()) {
			server.grade(() -> {
				client.send(WireFrame.text("hi"));

				assertThat(client.nextFrame(WAIT).closeCode()).as("1.12: an application failure is 1011 (§7.4.1)")
					.isEqualTo(1011);
			});
		}
	}

	@Test
	void halfClosesAfterItsCloseFrameThenWaitsForTheReplyUntilTheCloseTimeout() throws Exception {
		ServerConfig defaults = ServerConfig.defaults(0);
		ServerConfig config = new ServerConfig(0, defaults.policy(), defaults.pages(), defaults.maxHeadBytes(),
				defaults.maxFramePayload(), defaults.maxMessageBytes(), defaults.pingInterval(), defaults.idleTimeout(),
				Duration.ofSeconds(3));
		try (ServerUnderTest server = new ServerUnderTest(config); RawWebSocketClient client = server.connect()) {
			server.grade(() -> {
				client.send(WireFrame.text("unmasked").withMask(false));

				assertThat(client.nextFrame(WAIT).closeCode()).isEqualTo(1002);
				assertThat(client.awaitTcpClose(Duration.ofMillis(1500)))
					.as("1.12: after its close frame the server shuts its output down at once (§7.1.1)")
					.isTrue();
				await("1.12: the server waits for the client's close frame before dropping TCP")
					.during(Duration.ofMillis(300))
					.atMost(Duration.ofSeconds(1))
					.until(() -> server.server().openConnections() == 1);
				await("1.12: with no close frame back, the server drops TCP after closeTimeout (3 s)")
					.atMost(Duration.ofSeconds(6))
					.until(() -> server.server().openConnections() == 0);
			});
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
