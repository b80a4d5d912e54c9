package dev.wslab.production.reconnect;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;

/**
 * A STOMP session on the kit's raw WebSocket client, for a drill that must see what
 * Spring's client hides: the ERROR frame's {@code message} header and the close frame's
 * code.
 */
final class WireWatch implements AutoCloseable {

	private final RawWebSocketClient socket;

	private WireWatch(RawWebSocketClient socket) {
		this.socket = socket;
	}

	/** Opens the WebSocket and sends CONNECT; the answer is left to read. */
	static WireWatch connecting(int port, String user) throws IOException {
		String token = ClusterClients.token("http://127.0.0.1:" + port, user);
		WireWatch watch = new WireWatch(RawWebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
				"Origin: " + ChatCluster.PAGE_ORIGIN));
		watch.socket.send(WireFrame
			.text("CONNECT\naccept-version:1.2\nhost:chat\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0"));
		return watch;
	}

	/** Connects and waits for CONNECTED. */
	static WireWatch connected(int port, String user) throws IOException {
		WireWatch watch = connecting(port, user);
		watch.expect("CONNECTED");
		return watch;
	}

	/**
	 * Collects what comes until the server closes the connection, or the wait ends: an
	 * ERROR as {@code ERROR <message header>}, a close frame as {@code CLOSE <code>}, and
	 * other frames by their command.
	 */
	List<String> untilClose(Duration wait) {
		List<String> seen = new ArrayList<>();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			WireFrame frame;
			try {
				frame = this.socket.nextFrame(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			}
			catch (AssertionError ended) {
				seen.add("(ended: " + ended.getMessage().lines().findFirst().orElse("") + ")");
				return seen;
			}
			if (frame.opcode() == WireFrame.CLOSE) {
				seen.add("CLOSE " + frame.closeCode());
				return seen;
			}
			seen.add(describe(frame.text()));
		}
		return seen;
	}

	private static String describe(String stomp) {
		String command = stomp.lines().findFirst().orElse("");
		if (!command.equals("ERROR")) {
			return command;
		}
		return "ERROR " + stomp.lines()
			.filter((line) -> line.startsWith("message:"))
			.map((line) -> line.substring("message:".length()))
			.findFirst()
			.orElse("(no message header)");
	}

	private void expect(String command) {
		String frame = this.socket.nextFrame(ClusterClients.WAIT).text();
		if (!frame.startsWith(command)) {
			throw new AssertionError(
					"Expected " + command + ", got:\n" + frame + "\nTranscript:\n" + this.socket.transcript());
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
