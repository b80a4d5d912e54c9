package dev.wslab.kit.tap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A wire inspector: a TCP proxy that forwards every byte unchanged and prints what
 * crossed it, the upgrade request and response headers, then every frame both ways with
 * FIN, RSV, opcode, MASK, length and a payload preview. It shows what wscat or the
 * browser's DevTools would, for any server: point a client at the tap and the tap at the
 * server.
 *
 * <pre>
 * ./learn tap 9001 127.0.0.1:8081      # then connect to ws://127.0.0.1:9001/echo
 * </pre>
 */
public final class WireTap implements AutoCloseable {

	private final ServerSocket listener;

	private final InetSocketAddress target;

	private final Consumer<String> out;

	private final AtomicInteger connections = new AtomicInteger();

	private WireTap(ServerSocket listener, InetSocketAddress target, Consumer<String> out) {
		this.listener = listener;
		this.target = target;
		this.out = out;
		Thread.ofPlatform().name("wire-tap").daemon().start(this::acceptLoop);
	}

	/**
	 * Starts a tap.
	 * @param port the port to listen on (127.0.0.1), 0 for any
	 * @param target where to forward
	 * @param out where each printed line goes
	 * @return the running tap
	 * @throws IOException if the port cannot be bound
	 */
	public static WireTap start(int port, InetSocketAddress target, Consumer<String> out) throws IOException {
		return new WireTap(new ServerSocket(port, 128, InetAddress.getLoopbackAddress()), target, out);
	}

	/**
	 * Returns the port the tap listens on.
	 * @return the port
	 */
	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Runs a tap until the process stops: {@code WireTap <listen port> <host:port>}.
	 * @param args the listen port and the target
	 * @throws Exception if the tap cannot start
	 */
	public static void main(String[] args) throws Exception {
		if (args.length != 2 || !args[1].contains(":")) {
			System.err.println("usage: ./learn tap <listen port> <target host:port>");
			System.exit(2);
		}
		String[] target = args[1].split(":");
		PrintStream console = System.out;
		WireTap tap = start(Integer.parseInt(args[0]), new InetSocketAddress(target[0], Integer.parseInt(target[1])),
				console::println);
		console.println("Tapping 127.0.0.1:" + tap.port() + " -> " + args[1] + ". Connect your client to the tap.");
		Thread.currentThread().join();
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
	}

	private void acceptLoop() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				int id = this.connections.incrementAndGet();
				Socket server = new Socket(this.target.getHostString(), this.target.getPort());
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				Thread.ofVirtual().start(() -> pump(id, "client → server", client, server));
				Thread.ofVirtual().start(() -> pump(id, "server → client", server, client));
			}
			catch (IOException ex) {
				if (!this.listener.isClosed()) {
					this.out.accept("tap: " + ex.getMessage());
				}
			}
		}
	}

	private void pump(int id, String direction, Socket from, Socket to) {
		FrameSniffer sniffer = new FrameSniffer();
		String prefix = String.format("#%d %s  ", id, direction);
		byte[] buffer = new byte[16 * 1024];
		try (from; to) {
			InputStream in = from.getInputStream();
			OutputStream forward = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				forward.write(buffer, 0, read);
				forward.flush();
				print(prefix, sniffer.feed(buffer, read));
			}
			this.out.accept(prefix + "(TCP closed)");
		}
		catch (IOException ex) {
			this.out.accept(prefix + "(connection ended: " + ex.getMessage() + ")");
		}
	}

	private void print(String prefix, List<String> items) {
		String indent = " ".repeat(prefix.length());
		for (String item : items) {
			String[] lines = item.split("\r\n");
			StringBuilder text = new StringBuilder(prefix).append(lines[0]);
			for (int i = 1; i < lines.length; i++) {
				text.append('\n').append(indent).append(lines[i]);
			}
			this.out.accept(text.toString());
		}
	}

}
