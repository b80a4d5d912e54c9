package dev.wslab.spring.chat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;

/**
 * STOMP frames typed by hand over a raw WebSocket, for tests that must see exactly what
 * the server answers to a bad frame. A frame is text up to a NUL octet (STOMP 1.2).
 */
final class RawStomp implements AutoCloseable {

	private final RawWebSocketClient socket;

	private RawStomp(RawWebSocketClient socket) {
		this.socket = socket;
	}

	static RawStomp open(int port, String... handshakeHeaders) throws IOException {
		return new RawStomp(RawWebSocketClient.connect(URI.create("ws://" + ChatTarget.authority(port) + "/ws/chat"),
				handshakeHeaders));
	}

	/** Sends a frame written with {@code \n} line ends; the NUL terminator is added. */
	void send(String frame) throws IOException {
		this.socket.send(WireFrame.text(frame + "\0"));
	}

	/** The next STOMP frame's text without its NUL, skipping heartbeat newlines. */
	String next(Duration timeout) {
		while (true) {
			WireFrame frame = this.socket.nextFrame(timeout);
			if (frame.opcode() != WireFrame.TEXT) {
				throw new AssertionError("Expected a STOMP frame, got " + frame + "\n" + this.socket.transcript());
			}
			String text = frame.text();
			if (!text.isBlank()) {
				return text.endsWith("\0") ? text.substring(0, text.length() - 1) : text;
			}
		}
	}

	/**
	 * Whether the server closed the connection (a close frame, then TCP) within the time.
	 */
	boolean closedByServer(Duration timeout) {
		return this.socket.awaitTcpClose(timeout);
	}

	RawWebSocketClient socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
