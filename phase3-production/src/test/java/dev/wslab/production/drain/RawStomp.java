package dev.wslab.production.drain;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;

/**
 * A STOMP client on the kit's raw WebSocket client, for graders that must see what
 * Spring's client hides: the close frame's code, and a frame's exact headers.
 */
final class RawStomp implements AutoCloseable {

	private final RawWebSocketClient socket;

	private RawStomp(RawWebSocketClient socket) {
		this.socket = socket;
	}

	/**
	 * Connects as a user and subscribes to a room, each answered (CONNECTED, RECEIPT).
	 */
	static RawStomp inRoom(int port, String user, String room) throws IOException {
		String token = ClusterClients.token("http://127.0.0.1:" + port, user);
		RawStomp stomp = new RawStomp(RawWebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
				"Origin: " + ChatCluster.PAGE_ORIGIN));
		stomp.socket.send(WireFrame
			.text("CONNECT\naccept-version:1.2\nhost:chat\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0"));
		stomp.expect("CONNECTED");
		stomp.socket.send(WireFrame.text("SUBSCRIBE\nid:0\ndestination:/topic/room." + room + "\nreceipt:r0\n\n\0"));
		stomp.expect("RECEIPT");
		return stomp;
	}

	/**
	 * Tries a WebSocket handshake and returns the response's head, whatever its status.
	 */
	static HttpHead handshake(int port) throws IOException {
		try (RawWebSocketClient client = RawWebSocketClient.openTcp("127.0.0.1", port)) {
			return client.handshake("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
					+ RawWebSocketClient.newKey() + "\r\nSec-WebSocket-Version: 13\r\nOrigin: "
					+ ChatCluster.PAGE_ORIGIN + "\r\n\r\n");
		}
	}

	private void expect(String command) {
		String frame = this.socket.nextFrame(ClusterClients.WAIT).text();
		if (!frame.startsWith(command)) {
			throw new AssertionError("Expected " + command + ", got:\n" + frame + "\nTranscript:\n" + transcript());
		}
	}

	/**
	 * Collects the frames that come until the server closes the connection (or the wait
	 * ends): text frames as their text, a close frame as {@code CLOSE <code>}.
	 */
	List<String> framesUntilClose(Duration wait) {
		List<String> frames = new ArrayList<>();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			WireFrame frame;
			try {
				frame = this.socket.nextFrame(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			}
			catch (AssertionError ended) {
				frames.add("(connection ended: " + ended.getMessage().lines().findFirst().orElse("") + ")");
				return frames;
			}
			if (frame.opcode() == WireFrame.CLOSE) {
				frames.add("CLOSE " + frame.closeCode());
				return frames;
			}
			frames.add(frame.text().replace("\0", ""));
		}
		return frames;
	}

	String transcript() {
		return this.socket.transcript().toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
