package dev.wslab.landscape.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP connection that counts every byte in each direction, headers included, and speaks
 * just enough HTTP/1.1 for the harness: requests, Content-Length and chunked bodies.
 */
final class CountingConnection implements AutoCloseable {

	private final Socket socket = new Socket();

	private final InputStream in;

	private final OutputStream out;

	private final LongAdder sent;

	private final LongAdder received;

	CountingConnection(int port, LongAdder sent, LongAdder received, LongAdder connections, long deadlineNanos)
			throws IOException {
		this.socket.setTcpNoDelay(true);
		// No read outlives the run: a proxy that holds the stream must not hold the
		// harness too.
		this.socket.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		this.sent = sent;
		this.received = received;
		connections.increment();
		InputStream raw = this.socket.getInputStream();
		this.in = new BufferedInputStream(new InputStream() {
			@Override
			public int read() throws IOException {
				int b = raw.read();
				if (b >= 0) {
					received.increment();
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = raw.read(buffer, offset, length);
				if (n > 0) {
					received.add(n);
				}
				return n;
			}
		}, 8192);
		this.out = this.socket.getOutputStream();
	}

	void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		this.sent.add(bytes.length);
	}

	void request(String pathAndQuery, String... headers) throws IOException {
		StringBuilder request = new StringBuilder("GET ").append(pathAndQuery)
			.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
	}

	/** Reads a response head; returns the Content-Length, or -1 for a chunked body. */
	long readHead() throws IOException {
		long length = -1;
		String line;
		while (!(line = readLine()).isEmpty()) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
		}
		return length;
	}

	String readBody(long length) throws IOException {
		return new String(this.in.readNBytes((int) length), StandardCharsets.UTF_8);
	}

	/** Reads one chunk of a chunked body; empty at the end of the body. */
	String readChunk() throws IOException {
		int size = Integer.parseInt(readLine().trim(), 16);
		String chunk = new String(this.in.readNBytes(size), StandardCharsets.UTF_8);
		readLine();
		return chunk;
	}

	InputStream input() {
		return this.in;
	}

	String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) >= 0 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		if (b < 0 && line.size() == 0) {
			throw new IOException("connection closed");
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
