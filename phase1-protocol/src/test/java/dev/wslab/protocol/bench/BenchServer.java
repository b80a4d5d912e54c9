package dev.wslab.protocol.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.wslab.protocol.server.MessageHandler;
import dev.wslab.protocol.server.ServerConfig;
import dev.wslab.protocol.server.WebSocketServer;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One echo server in its own JVM, for the benchmark: {@code handwritten} (the Phase 1
 * server) or {@code netty} (Reactor Netty's WebSocket server). It prints
 * {@code READY <port> <path>}, then answers {@code stats} on standard input with heap
 * used after a full GC and the process's resident set. Other modules start their servers
 * through {@link #serve}.
 */
public final class BenchServer {

	private BenchServer() {
	}

	/**
	 * Entry point.
	 * @param args {@code handwritten} or {@code netty}
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		int port;
		AutoCloseable server;
		if ("netty".equals(args[0])) {
			DisposableServer netty = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route((routes) -> routes.ws("/echo",
						(in, out) -> out.sendObject(in.receiveFrames().map(WebSocketFrame::retain))))
				.bindNow();
			port = netty.port();
			server = netty::disposeNow;
		}
		else {
			ServerConfig config = ServerConfig.defaults(0).withLiveness(Duration.ofHours(1), Duration.ofHours(2));
			WebSocketServer handwritten = WebSocketServer.start(config, MessageHandler.ECHO);
			port = handwritten.port();
			server = handwritten;
		}
		serve(port, "/echo", server);
	}

	/**
	 * Announces a running echo server to the benchmark and answers its commands until it
	 * says {@code quit}, then closes the server and exits.
	 * @param port the server's port
	 * @param path the WebSocket path of the echo
	 * @param server closes the server
	 * @throws Exception if closing fails
	 */
	public static void serve(int port, String path, AutoCloseable server) throws Exception {
		System.out.println("READY " + port + " " + path);
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line; (line = commands.readLine()) != null;) {
			if (line.equals("stats")) {
				System.out.println("STATS " + heapAfterGc() + " " + rss());
			}
			else if (line.equals("quit")) {
				break;
			}
		}
		server.close();
		System.exit(0);
	}

	private static long heapAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	private static long rss() throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
			}
		}
		return -1;
	}

}
