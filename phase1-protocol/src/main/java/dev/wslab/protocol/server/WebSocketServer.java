package dev.wslab.protocol.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.wslab.protocol.handshake.HandshakeResponse;
import dev.wslab.protocol.handshake.HandshakeValidator;
import dev.wslab.protocol.handshake.HttpHeadReader;
import dev.wslab.protocol.handshake.HttpRequestHead;
import dev.wslab.protocol.handshake.MalformedRequestException;

/**
 * The hand-written server: one platform thread accepts, and every connection gets a
 * virtual thread of its own that reads the request, answers the handshake and runs the
 * frame loop.
 *
 * <p>
 * Blocking code on virtual threads reads top to bottom like the protocol itself, costs a
 * few hundred bytes of stack while parked instead of a megabyte, and lets thousands of
 * mostly idle connections each keep their own straightforward loop. A failure in one
 * connection's thread ends that connection only.
 */
public final class WebSocketServer implements AutoCloseable {

	private final ServerConfig config;

	private final MessageHandler handler;

	private final ServerSocket serverSocket;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong accepted = new AtomicLong();

	private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private WebSocketServer(ServerConfig config, MessageHandler handler) throws IOException {
		this.config = config;
		this.handler = handler;
		this.serverSocket = new ServerSocket(config.port(), 4096, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().name("ws-acceptor-" + port()).daemon().start(this::acceptLoop);
	}

	/**
	 * Starts a server.
	 * @param config the configuration
	 * @param handler what to do with messages
	 * @return the running server
	 * @throws IOException if the port cannot be bound
	 */
	public static WebSocketServer start(ServerConfig config, MessageHandler handler) throws IOException {
		return new WebSocketServer(config, handler);
	}

	/**
	 * Returns the bound port.
	 * @return the port
	 */
	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * Returns how many TCP connections are open right now.
	 * @return the count
	 */
	public int openConnections() {
		return this.open.size();
	}

	/**
	 * Returns the configuration, with the bound port.
	 * @return the configuration
	 */
	public ServerConfig config() {
		return this.config;
	}

	/**
	 * Returns what failed inside connection threads, oldest first (at most 100 are kept).
	 * Graders show these, so an exception on a server thread is not lost.
	 * @return the failures
	 */
	public List<Throwable> failures() {
		return List.copyOf(this.failures);
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.open) {
			socket.close();
		}
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.open.add(socket);
				Thread.ofVirtual().name("ws-connection-" + this.accepted.incrementAndGet()).start(() -> serve(socket));
			}
			catch (IOException ex) {
				if (!this.serverSocket.isClosed()) {
					System.err.println("accept failed: " + ex);
				}
			}
		}
	}

	private void serve(Socket socket) {
		try {
			exchange(socket);
		}
		catch (SocketException ex) {
			// The peer went away, or the server is closing: nothing to report.
		}
		catch (IOException | RuntimeException ex) {
			// Recorded before the socket closes, so a client that sees the close can find
			// the cause.
			System.err.println(Thread.currentThread().getName() + " failed: " + ex);
			if (this.failures.size() < 100) {
				this.failures.add(ex);
			}
		}
		finally {
			this.open.remove(socket);
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Already closed.
			}
		}
	}

	private void exchange(Socket socket) throws IOException {
		socket.setTcpNoDelay(true);
		socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
		// Small on purpose: it serves the request head, and idle connections keep it.
		InputStream in = new BufferedInputStream(socket.getInputStream(), 1024);
		OutputStream out = socket.getOutputStream();
		HttpRequestHead head;
		try {
			head = new HttpHeadReader(this.config.maxHeadBytes()).read(in);
		}
		catch (MalformedRequestException ex) {
			out.write(ex.response().toBytes());
			lingeringClose(socket, in);
			return;
		}
		byte[] page = this.config.pages().get(head.path());
		if (page != null && !head.tokens("Upgrade").contains("websocket")) {
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + page.length
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(page);
			return;
		}
		HandshakeResponse response = new HandshakeValidator(this.config.policy()).answer(head);
		out.write(response.toBytes());
		out.flush();
		if (response.accepted()) {
			new Connection(socket, in, this.config, this.handler, response.subprotocol()).run();
		}
		else {
			System.err.println("refused " + head.method() + " " + head.target() + ": " + response.status() + " "
					+ response.body().strip());
			lingeringClose(socket, in);
		}
	}

	/**
	 * Closing a socket with unread request bytes makes the kernel send RST, which can
	 * destroy the refusal before the client reads it. Half-close, read what is left for a
	 * moment, then close.
	 */
	private static void lingeringClose(Socket socket, InputStream in) throws IOException {
		socket.shutdownOutput();
		socket.setSoTimeout(1000);
		byte[] discard = new byte[8192];
		long total = 0;
		try {
			for (int n; (n = in.read(discard)) >= 0 && total < 1024 * 1024;) {
				total += n;
			}
		}
		catch (java.net.SocketTimeoutException ex) {
			// The client did not close in time; close anyway.
		}
	}

}
