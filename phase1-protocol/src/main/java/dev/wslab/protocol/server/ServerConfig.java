package dev.wslab.protocol.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wslab.protocol.handshake.HandshakePolicy;

/**
 * Everything the hand-written server can be told.
 *
 * @param port the TCP port on 127.0.0.1, or 0 for any free port
 * @param policy what the opening handshake accepts
 * @param pages static pages served over plain HTTP on the same port, by path
 * @param maxHeadBytes the largest HTTP request head; larger gets 431
 * @param maxFramePayload the largest frame payload; larger closes with 1009
 * @param maxMessageBytes the largest reassembled message; larger closes with 1009
 * @param pingInterval how long a connection may be silent before the server pings it
 * @param idleTimeout how long a connection may be silent, pongs included, before it is
 * closed with 1001
 * @param closeTimeout how long to wait for the peer's close frame before dropping TCP
 */
public record ServerConfig(int port, HandshakePolicy policy, Map<String, byte[]> pages, int maxHeadBytes,
		long maxFramePayload, long maxMessageBytes, Duration pingInterval, Duration idleTimeout,
		Duration closeTimeout) {

	/**
	 * The defaults: the echo endpoint at {@code /echo}, browsers from this server's own
	 * origin, subprotocol {@code echo}, 1 MiB frames and messages, a ping after 30 s of
	 * silence and a close after 90 s.
	 * @param port the port
	 * @return the configuration
	 */
	public static ServerConfig defaults(int port) {
		Set<String> origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
		return new ServerConfig(port, new HandshakePolicy("/echo", origins, List.of("echo")), Map.of(), 8 * 1024,
				1024 * 1024, 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(2));
	}

	/**
	 * Returns a copy with other static pages.
	 * @param pages path to page bytes
	 * @return the configuration
	 */
	public ServerConfig withPages(Map<String, byte[]> pages) {
		return new ServerConfig(this.port, this.policy, Map.copyOf(pages), this.maxHeadBytes, this.maxFramePayload,
				this.maxMessageBytes, this.pingInterval, this.idleTimeout, this.closeTimeout);
	}

	/**
	 * Returns a copy with another handshake policy, for example other allowed origins.
	 * @param policy the policy
	 * @return the configuration
	 */
	public ServerConfig withPolicy(HandshakePolicy policy) {
		return new ServerConfig(this.port, policy, this.pages, this.maxHeadBytes, this.maxFramePayload,
				this.maxMessageBytes, this.pingInterval, this.idleTimeout, this.closeTimeout);
	}

	/**
	 * Returns a copy with other liveness timings.
	 * @param pingInterval silence before a ping
	 * @param idleTimeout silence before closing with 1001
	 * @return the configuration
	 */
	public ServerConfig withLiveness(Duration pingInterval, Duration idleTimeout) {
		return new ServerConfig(this.port, this.policy, this.pages, this.maxHeadBytes, this.maxFramePayload,
				this.maxMessageBytes, pingInterval, idleTimeout, this.closeTimeout);
	}

	/**
	 * Returns a copy with other size limits.
	 * @param maxFramePayload the largest frame payload
	 * @param maxMessageBytes the largest message
	 * @return the configuration
	 */
	public ServerConfig withLimits(long maxFramePayload, long maxMessageBytes) {
		return new ServerConfig(this.port, this.policy, this.pages, this.maxHeadBytes, maxFramePayload, maxMessageBytes,
				this.pingInterval, this.idleTimeout, this.closeTimeout);
	}

}
