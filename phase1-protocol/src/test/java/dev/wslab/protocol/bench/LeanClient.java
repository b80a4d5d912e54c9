package dev.wslab.protocol.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's client connection: a handshake and fixed-size masked text frames, with
 * no transcript or queue, so the load generator costs as little as it can. Text, because
 * that is what Spring's {@code TextWebSocketHandler} echoes; every server pays for UTF-8
 * validation alike.
 */
final class LeanClient implements AutoCloseable {

	static final int MESSAGE = 64;

	private static final byte[] KEY = { 0x5a, 0x3c, 0x69, 0x0f };

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final Socket socket;

	private final OutputStream out;

	private final DataInputStream in;

	private final byte[] frame = new byte[2 + 4 + MESSAGE];

	private final byte[] echo = new byte[2 + MESSAGE];

	LeanClient(int port, String path) throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		this.out = this.socket.getOutputStream();
		this.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		InputStream raw = this.socket.getInputStream();
		int matched = 0;
		while (matched < 4) {
			int b = raw.read();
			if (b < 0) {
				throw new IOException("closed during handshake");
			}
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
		}
		this.in = new DataInputStream(raw);
		this.frame[0] = (byte) 0x81;
		this.frame[1] = (byte) (0x80 | MESSAGE);
		System.arraycopy(KEY, 0, this.frame, 2, 4);
	}

	/**
	 * Sends one 64-byte text message whose first sixteen characters are a timestamp in
	 * hex.
	 */
	void send(long stamp) throws IOException {
		for (int i = 0; i < MESSAGE; i++) {
			byte plain = (i < 16) ? HEX[(int) (stamp >>> (60 - 4 * i)) & 0xF] : (byte) ('a' + i % 26);
			this.frame[6 + i] = (byte) (plain ^ KEY[i & 3]);
		}
		synchronized (this.out) {
			this.out.write(this.frame);
		}
	}

	/** Reads one echo and returns its timestamp. */
	long receive() throws IOException {
		this.in.readFully(this.echo);
		long stamp = 0;
		for (int i = 0; i < 16; i++) {
			stamp = (stamp << 4) | Character.digit(this.echo[2 + i], 16);
		}
		return stamp;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
