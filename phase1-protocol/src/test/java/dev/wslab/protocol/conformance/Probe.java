package dev.wslab.protocol.conformance;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.Transcript;
import dev.wslab.kit.client.ws.WireFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a conformance case uses to talk to the server, keeping every client's transcript.
 */
final class Probe implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(5);

	private final URI uri;

	private final List<RawWebSocketClient> clients = new ArrayList<>();

	Probe(URI uri) {
		this.uri = uri;
	}

	RawWebSocketClient connect() throws IOException {
		RawWebSocketClient client = RawWebSocketClient.connect(this.uri);
		this.clients.add(client);
		return client;
	}

	RawWebSocketClient tcp() throws IOException {
		RawWebSocketClient client = RawWebSocketClient.openTcp(this.uri.getHost(), this.uri.getPort());
		this.clients.add(client);
		return client;
	}

	HttpHead handshake(String... headerLines) throws IOException {
		StringBuilder request = new StringBuilder("GET " + this.uri.getPath() + " HTTP/1.1\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		return tcp().handshake(request.append("\r\n").toString());
	}

	String host() {
		return "Host: " + this.uri.getHost() + ":" + this.uri.getPort();
	}

	/** Sends frames and expects them echoed back as one message. */
	void expectEcho(RawWebSocketClient client, WireFrame expected) {
		WireFrame echo = client.nextFrame(WAIT);
		assertThat(echo.opcode()).as("opcode of the echo").isEqualTo(expected.opcode());
		assertThat(echo.masked()).as("a server frame is never masked").isFalse();
		assertThat(echo.payload()).as("payload of the echo").isEqualTo(expected.payload());
	}

	/**
	 * Expects the server to fail the connection: a close frame with the code, then TCP
	 * closed.
	 */
	void expectClose(RawWebSocketClient client, int code) {
		WireFrame frame = client.nextFrame(WAIT);
		while (frame.opcode() == WireFrame.PONG) {
			frame = client.nextFrame(WAIT);
		}
		assertThat(frame.opcode()).as("expected a close frame").isEqualTo(WireFrame.CLOSE);
		assertThat(frame.closeCode()).as("close code").isEqualTo(code);
		assertThat(client.awaitTcpClose(WAIT)).as("TCP closed by the server after the close").isTrue();
	}

	String transcripts() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < this.clients.size(); i++) {
			Transcript transcript = this.clients.get(i).transcript();
			text.append("client ").append(i + 1).append(":\n").append(transcript).append('\n');
		}
		return text.toString();
	}

	@Override
	public void close() throws IOException {
		for (RawWebSocketClient client : this.clients) {
			client.close();
		}
	}

}
