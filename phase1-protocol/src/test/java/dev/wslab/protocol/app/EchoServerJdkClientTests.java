package dev.wslab.protocol.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wslab.protocol.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The echo server against the JDK's own {@link java.net.http.WebSocket} client. */
class EchoServerJdkClientTests {

	private WebSocketServer server;

	private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

	@BeforeEach
	void startServer() throws Exception {
		this.server = EchoServerApp.start(0);
	}

	@AfterEach
	void stopServer() throws Exception {
		this.server.close();
	}

	@Test
	void negotiatesTheSubprotocolEchoesWholeAndPartialMessagesAndClosesNormally() throws Exception {
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("echo")
			.buildAsync(URI.create("ws://127.0.0.1:" + this.server.port() + "/echo"), new Recorder())
			.get(5, TimeUnit.SECONDS);
		assertThat(socket.getSubprotocol()).isEqualTo("echo");

		socket.sendText("whole", true).get(5, TimeUnit.SECONDS);
		socket.sendText("sent in ", false).get(5, TimeUnit.SECONDS);
		socket.sendText("two frames", true).get(5, TimeUnit.SECONDS);
		socket.sendBinary(ByteBuffer.wrap(new byte[] { 7, 8, 9 }), true).get(5, TimeUnit.SECONDS);
		assertThat(next()).isEqualTo("text: whole");
		assertThat(next()).isEqualTo("text: sent in two frames");
		assertThat(next()).isEqualTo("binary: 3 bytes");

		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
		assertThat(next()).isEqualTo("close: 1000");
	}

	private String next() throws InterruptedException {
		String event = this.events.poll(5, TimeUnit.SECONDS);
		assertThat(event).as("an event from the JDK client within 5 s").isNotNull();
		return event;
	}

	/** Records what the client hears; assertions stay on the test thread. */
	private final class Recorder implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				EchoServerJdkClientTests.this.events.add("text: " + this.text);
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			EchoServerJdkClientTests.this.events.add("binary: " + data.remaining() + " bytes");
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			EchoServerJdkClientTests.this.events.add("close: " + statusCode);
			return null;
		}

	}

}
