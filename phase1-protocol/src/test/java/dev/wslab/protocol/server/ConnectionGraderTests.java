package dev.wslab.protocol.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static WireFrame nextClose(RawWebSocketClient client) {
		while (true) {
			WireFrame frame = client.nextFrame(WAIT);
			if (frame.opcode() == WireFrame.CLOSE) {
				return frame;
			}
		}
	}

}
