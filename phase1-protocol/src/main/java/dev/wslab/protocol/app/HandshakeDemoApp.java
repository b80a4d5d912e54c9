package dev.wslab.protocol.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.wslab.protocol.handshake.AcceptKey;

/**
 * The milestone app of exercise 1.1: a JDK-only server that completes a real browser's
 * WebSocket handshake with the learner's {@link AcceptKey}, sends one text frame and
 * closes with 1000.
 *
 * <p>
 * It serves a page at {@code /} and the WebSocket at {@code /handshake}, on
 * 127.0.0.1:8081 unless {@code --port=N} says otherwise. The full echo server of Phase 1
 * grows from here.
 */
public final class HandshakeDemoApp implements AutoCloseable {

	private final ServerSocket server;

	private HandshakeDemoApp(ServerSocket server) {
		this.server = server;
		Thread.ofPlatform().name("demo-acceptor").daemon().start(this::acceptLoop);
	}

	/**
	 * Starts the server.
	 * @param port the port, or 0 for any free port
	 * @return the running server
	 * @throws IOException if the port cannot be bound
	 */
	public static HandshakeDemoApp start(int port) throws IOException {
		return new HandshakeDemoApp(new ServerSocket(port, 128, InetAddress.getLoopbackAddress()));
	}

	/**
	 * Returns the bound port.
	 * @return the port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Runs the server until the process is stopped.
	 * @param args {@code --port=N} to change the port from 8081
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		int port = 8081;
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = Integer.parseInt(arg.substring("--port=".length()));
			}
		}
		HandshakeDemoApp app = start(port);
		System.out.println("Handshake demo on http://127.0.0.1:" + app.port() + "/  (WebSocket at ws://127.0.0.1:"
				+ app.port() + "/handshake). Ctrl-C stops it.");
		Thread.currentThread().join();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				Thread.ofVirtual().name("demo-connection").start(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setSoTimeout(10_000);
			String head = readHead(socket.getInputStream());
			String[] requestLine = head.lines().findFirst().orElse("").split(" ");
			String path = requestLine.length > 1 ? requestLine[1] : "";
			OutputStream out = socket.getOutputStream();
			if (path.equals("/") || path.equals("/index.html")) {
				respond(out, "200 OK", "text/html; charset=utf-8", page());
			}
			else if (path.equals("/handshake") && "websocket".equalsIgnoreCase(header(head, "Upgrade"))) {
				upgrade(socket, header(head, "Sec-WebSocket-Key"));
			}
			else {
				respond(out, "404 Not Found", "text/plain", "Not found\n".getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Connection failed: " + ex);
		}
	}

	private void upgrade(Socket socket, String key) throws IOException {
		OutputStream out = socket.getOutputStream();
		String accept;
		try {
			accept = AcceptKey.of(key);
		}
		catch (RuntimeException ex) {
			System.err.println("AcceptKey.of failed: " + ex.getMessage());
			respond(out, "500 Internal Server Error", "text/plain",
					(ex.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
			return;
		}
		out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		// RFC 6455 §5.2: a server frame is unmasked; FIN=1 and a 7-bit length suffice for
		// short payloads.
		writeFrame(out, 0x1, ("Handshake complete: your key " + key + " was answered with " + accept)
			.getBytes(StandardCharsets.UTF_8));
		byte[] reason = "demo done".getBytes(StandardCharsets.UTF_8);
		byte[] close = new byte[2 + reason.length];
		close[0] = (byte) (1000 >> 8);
		close[1] = (byte) (1000 & 0xFF);
		System.arraycopy(reason, 0, close, 2, reason.length);
		writeFrame(out, 0x8, close);
		// Wait briefly for the client's close frame before TCP goes away (RFC 6455
		// §7.1.1).
		try {
			socket.getInputStream().read(new byte[256]);
		}
		catch (IOException ex) {
			// The client may already be gone; nothing is lost either way.
		}
	}

	private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
		if (payload.length > 125) {
			throw new IllegalArgumentException("The demo only sends short frames");
		}
		out.write(0x80 | opcode);
		out.write(payload.length);
		out.write(payload);
		out.flush();
	}

	private static void respond(OutputStream out, String status, String type, byte[] body) throws IOException {
		out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
				+ "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (head.size() < 16 * 1024) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			head.write(next);
			String text = head.toString(StandardCharsets.ISO_8859_1);
			if (text.endsWith("\r\n\r\n")) {
				return text;
			}
		}
		throw new IOException("Incomplete or oversized request head");
	}

	private static String header(String head, String name) {
		String prefix = name.toLowerCase(Locale.ROOT) + ":";
		return head.lines()
			.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
			.map((line) -> line.substring(prefix.length()).trim())
			.findFirst()
			.orElse(null);
	}

	private static byte[] page() {
		try (InputStream in = HandshakeDemoApp.class.getResourceAsStream("/static/handshake.html")) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	InetSocketAddress address() {
		return (InetSocketAddress) this.server.getLocalSocketAddress();
	}

}
