package dev.wslab.protocol.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import dev.wslab.protocol.server.MessageHandler;
import dev.wslab.protocol.server.ServerConfig;
import dev.wslab.protocol.server.WebSocketServer;

/**
 * Phase 1's milestone: the hand-written echo server, with a page to try it from a
 * browser.
 *
 * <p>
 * It listens on 127.0.0.1:8081 unless {@code --port=N} says otherwise, echoes at
 * {@code ws://127.0.0.1:8081/echo} and serves the page at {@code http://127.0.0.1:8081/}.
 * No Spring, no WebSocket library: everything on the wire is the learner's code.
 */
public final class EchoServerApp {

	private EchoServerApp() {
	}

	/**
	 * Starts the echo server with its page.
	 * @param port the port, 0 for any
	 * @return the running server
	 * @throws IOException if the port cannot be bound
	 */
	public static WebSocketServer start(int port) throws IOException {
		if (port != 0) {
			return startOn(port);
		}
		// The allowed origins name the port, so a free one is picked first; another
		// process may
		// take it in between, so try a few.
		for (int attempt = 1;; attempt++) {
			int free;
			try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				free = probe.getLocalPort();
			}
			try {
				return startOn(free);
			}
			catch (BindException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	private static WebSocketServer startOn(int port) throws IOException {
		ServerConfig config = ServerConfig.defaults(port).withPages(Map.of("/", page(), "/index.html", page()));
		return WebSocketServer.start(config, MessageHandler.ECHO);
	}

	/**
	 * Runs the server until the process is stopped.
	 * @param args {@code --port=N}
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		int port = 8081;
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = Integer.parseInt(arg.substring("--port=".length()));
			}
		}
		WebSocketServer server = start(port);
		System.out.println("Echo server on ws://127.0.0.1:" + server.port() + "/echo, page at http://127.0.0.1:"
				+ server.port() + "/  (Ctrl-C stops it)");
		Thread.currentThread().join();
	}

	private static byte[] page() {
		try (InputStream in = EchoServerApp.class.getResourceAsStream("/static/echo.html")) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
