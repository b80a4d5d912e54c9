package dev.wslab.kit.client.ws;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.client.ws.WireFrameCodec.LengthEncoding;
import dev.wslab.kit.grading.ClientTranscripts;

/**
 * A WebSocket client over a raw socket that can send any frame, including malformed ones,
 * and records everything both ways in a {@link Transcript}.
 *
 * <p>
 * Frames from the server are read by a virtual thread into a queue; tests take them with
 * bounded waits such as {@link #nextFrame(Duration)} and never block forever.
 */
public final class RawWebSocketClient implements AutoCloseable {

	private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int MAX_PAYLOAD = 16 * 1024 * 1024;

	private final Socket socket;

	private final OutputStream out;

	private final Transcript transcript = new Transcript();

	private final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();

	private volatile boolean tcpClosed;

	private final boolean startPaused;

	private InputStream pausedInput;

	private RawWebSocketClient(Socket socket, boolean startPaused) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.startPaused = startPaused;
		ClientTranscripts.opened("a raw WebSocket client to " + socket.getInetAddress().getHostAddress() + ":"
				+ socket.getPort() + " (local port " + socket.getLocalPort() + ")", this.transcript);
	}

	/**
	 * Opens a TCP connection without a handshake, for tests that write their own.
	 * @param host the host
	 * @param port the port
	 * @return the client
	 * @throws IOException if the connection fails
	 */
	public static RawWebSocketClient openTcp(String host, int port) throws IOException {
		Socket socket = new Socket(host, port);
		socket.setTcpNoDelay(true);
		return new RawWebSocketClient(socket, false);
	}

	/**
	 * Connects like {@link #connect(URI, String...)}, then reads nothing until
	 * {@link #resumeReading()}: a client that has stopped reading, as a stalled browser
	 * tab or a phone in a tunnel looks to a server. Its receive buffer is kept small, so
	 * the server's writes back up after a few hundred KiB rather than many MiB.
	 * @param uri a {@code ws://} address
	 * @param extraHeaders header lines to add
	 * @return the connected client, not reading
	 * @throws IOException if the connection fails or the server refuses the upgrade
	 */
	public static RawWebSocketClient connectWithoutReading(URI uri, String... extraHeaders) throws IOException {
		Socket socket = new Socket();
		// Set before connecting, so the TCP window is negotiated small (and the
		// kernel does not grow it).
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 80 : uri.getPort()));
		socket.setTcpNoDelay(true);
		return handshakeFor(new RawWebSocketClient(socket, true), uri, extraHeaders);
	}

	/**
	 * Starts reading the frames of a client made by {@link #connectWithoutReading}: what
	 * the server managed to send arrives, in order, through {@link #nextFrame}.
	 */
	public synchronized void resumeReading() {
		if (this.pausedInput != null) {
			InputStream in = this.pausedInput;
			this.pausedInput = null;
			Thread.ofVirtual().name("raw-ws-reader").start(() -> readLoop(in));
		}
	}

	/**
	 * Connects and performs a standard opening handshake (RFC 6455 §4.1), checking the
	 * answer.
	 * @param uri a {@code ws://} address
	 * @param extraHeaders header lines to add, such as {@code Origin: http://localhost}
	 * @return the connected client, ready to send frames
	 * @throws IOException if the connection fails or the server refuses the upgrade
	 */
	public static RawWebSocketClient connect(URI uri, String... extraHeaders) throws IOException {
		int port = uri.getPort() == -1 ? 80 : uri.getPort();
		return handshakeFor(openTcp(uri.getHost(), port), uri, extraHeaders);
	}

	private static RawWebSocketClient handshakeFor(RawWebSocketClient client, URI uri, String... extraHeaders)
			throws IOException {
		int port = uri.getPort() == -1 ? 80 : uri.getPort();
		String key = newKey();
		StringBuilder request = new StringBuilder().append("GET ")
			.append(uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
			.append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
			.append(" HTTP/1.1\r\n")
			.append("Host: ")
			.append(uri.getHost())
			.append(':')
			.append(port)
			.append("\r\n")
			.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
			.append("Sec-WebSocket-Key: ")
			.append(key)
			.append("\r\n")
			.append("Sec-WebSocket-Version: 13\r\n");
		for (String header : extraHeaders) {
			request.append(header).append("\r\n");
		}
		HttpHead response = client.handshake(request.append("\r\n").toString());
		String expected = acceptFor(key);
		if (response.status() != 101 || !expected.equals(response.header("Sec-WebSocket-Accept"))) {
			client.close();
			throw new IOException("The server did not accept the WebSocket upgrade (expected 101 with "
					+ "Sec-WebSocket-Accept: " + expected + ").\nTranscript:\n" + client.transcript);
		}
		return client;
	}

	/**
	 * Sends a raw HTTP request and reads the response head; after a 101, frames start
	 * flowing.
	 * @param request the whole request, ending with an empty line
	 * @return the status line and headers
	 * @throws IOException if the connection fails before a complete response head arrives
	 */
	public HttpHead handshake(String request) throws IOException {
		this.transcript.sent(request.stripTrailing());
		this.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
		this.out.flush();
		return readResponseHead();
	}

	/**
	 * Sends arbitrary bytes that complete a request, such as the final blank line
	 * together with a first frame, then reads the response head.
	 * @param bytes the bytes
	 * @param description what they are, for the transcript
	 * @return the status line and headers
	 * @throws IOException if the connection fails before a complete response head arrives
	 */
	public HttpHead handshakeRaw(byte[] bytes, String description) throws IOException {
		sendRaw(bytes, description);
		return readResponseHead();
	}

	private HttpHead readResponseHead() throws IOException {
		InputStream in = this.socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		this.socket.setSoTimeout(10_000);
		while (!endsWithBlankLine(head.toByteArray())) {
			int next = in.read();
			if (next < 0) {
				this.transcript.received(head.toString(StandardCharsets.ISO_8859_1).stripTrailing());
				this.transcript.note("TCP connection closed by server");
				throw new EOFException(
						"Connection closed before the response head ended.\nTranscript:\n" + this.transcript);
			}
			head.write(next);
			if (head.size() > 64 * 1024) {
				throw new IOException("Response head larger than 64 KiB");
			}
		}
		this.socket.setSoTimeout(0);
		HttpHead parsed = HttpHead.parse(head.toString(StandardCharsets.ISO_8859_1));
		this.transcript.received(parsed.text().stripTrailing());
		if (parsed.status() == 101) {
			if (this.startPaused) {
				synchronized (this) {
					this.pausedInput = in;
				}
			}
			else {
				Thread.ofVirtual().name("raw-ws-reader").start(() -> readLoop(in));
			}
		}
		return parsed;
	}

	/**
	 * Sends a frame with a fresh random masking key when the frame is masked.
	 * @param frame the frame
	 * @throws IOException if the write fails
	 */
	public void send(WireFrame frame) throws IOException {
		send(frame, LengthEncoding.MINIMAL);
	}

	/**
	 * Sends a frame whose length is written in the 64-bit form even when shorter forms
	 * fit: a violation of RFC 6455 §5.2's minimal-encoding rule, for graders that test
	 * it.
	 * @param frame the frame
	 * @throws IOException if the write fails
	 */
	public void sendWithNonMinimalLength(WireFrame frame) throws IOException {
		send(frame, LengthEncoding.FORCE_64);
	}

	private void send(WireFrame frame, LengthEncoding encoding) throws IOException {
		byte[] key = new byte[4];
		RANDOM.nextBytes(key);
		byte[] bytes = WireFrameCodec.encode(frame, key, encoding);
		this.transcript.sent(frame + (encoding == LengthEncoding.MINIMAL ? "" : " (length as " + encoding + ")"));
		writeBytes(bytes);
	}

	/**
	 * Sends arbitrary bytes, for frames no encoder would produce.
	 * @param bytes the bytes
	 * @param description what they are, for the transcript
	 * @throws IOException if the write fails
	 */
	public void sendRaw(byte[] bytes, String description) throws IOException {
		this.transcript.sent(description + " (" + bytes.length + " raw bytes)");
		writeBytes(bytes);
	}

	private void writeBytes(byte[] bytes) throws IOException {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			this.transcript.note("write failed: " + ex.getMessage());
			throw ex;
		}
	}

	/**
	 * Waits for the next frame from the server.
	 * @param timeout the longest wait
	 * @return the frame
	 * @throws AssertionError with the transcript if no frame arrives in time or the
	 * connection closed
	 */
	public WireFrame nextFrame(Duration timeout) {
		Object next;
		try {
			next = this.inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
		if (next instanceof WireFrame frame) {
			return frame;
		}
		String why = (next == null) ? "No frame from the server within " + timeout.toMillis() + " ms"
				: "The connection ended before another frame: " + next;
		throw new AssertionError(why + ".\nTranscript:\n" + this.transcript);
	}

	/**
	 * Waits until the server closes the TCP connection.
	 * @param timeout the longest wait
	 * @return true if the server closed it in time
	 */
	public boolean awaitTcpClose(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.tcpClosed && System.nanoTime() < deadline) {
			try {
				Object next = this.inbound.poll(20, TimeUnit.MILLISECONDS);
				if (next instanceof WireFrame frame) {
					this.transcript.note("(skipped while waiting for TCP close) " + frame);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return this.tcpClosed;
	}

	/**
	 * Returns everything that crossed the wire so far.
	 * @return the transcript
	 */
	public Transcript transcript() {
		return this.transcript;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * Computes the {@code Sec-WebSocket-Accept} value for a key, as RFC 6455 §4.2.2
	 * defines it. The kit's own oracle, independent of the learner's implementation.
	 * @param key the {@code Sec-WebSocket-Key}
	 * @return the expected accept value
	 */
	public static String acceptFor(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns a fresh random {@code Sec-WebSocket-Key}: 16 random bytes in base64.
	 * @return the key
	 */
	public static String newKey() {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		return Base64.getEncoder().encodeToString(nonce);
	}

	private void readLoop(InputStream raw) {
		InputStream in = new BufferedInputStream(raw);
		try {
			while (true) {
				WireFrame frame = WireFrameCodec.read(in, MAX_PAYLOAD);
				this.transcript.received(frame.toString());
				this.inbound.add(frame);
			}
		}
		catch (EOFException ex) {
			this.transcript.note("TCP connection closed by server");
			this.inbound.add("TCP connection closed by server");
		}
		catch (IOException ex) {
			this.transcript.note("read failed: " + ex.getMessage());
			this.inbound.add("read failed: " + ex.getMessage());
		}
		finally {
			this.tcpClosed = true;
		}
	}

	private static boolean endsWithBlankLine(byte[] bytes) {
		int n = bytes.length;
		return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
	}

}
