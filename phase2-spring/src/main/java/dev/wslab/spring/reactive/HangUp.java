package dev.wslab.spring.reactive;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * Closes a session, and hangs up on it if the close cannot get through.
 *
 * <p>
 * A close frame waits in line behind everything already queued for the client. A client
 * that stopped reading never takes that line, so the close never completes and the
 * connection, with megabytes queued for it, stays open (seen with {@code ss -tn}: 2.8 MB
 * in the server's send queue, 40 s later). After the grace period this drops the TCP
 * connection, which frees what was queued.
 */
public final class HangUp {

	private final Duration grace;

	private final ChannelGroup connections;

	private final AtomicInteger hungUp = new AtomicInteger();

	/**
	 * Creates it.
	 * @param grace how long a close frame may take to get through
	 * @param connections the server's open connections, where a session's channel is
	 * found by its id
	 */
	public HangUp(Duration grace, ChannelGroup connections) {
		this.grace = grace;
		this.connections = connections;
	}

	/**
	 * Sends a close frame; if it has not gone out within the grace period, drops the
	 * connection.
	 * @param session the session
	 * @param status the close code and reason
	 * @return completes once the frame went out or the connection was dropped
	 */
	public Mono<Void> close(WebSocketSession session, CloseStatus status) {
		return session.close(status).timeout(this.grace, Mono.fromRunnable(() -> drop(session)));
	}

	/**
	 * Returns how many connections were dropped because their close frame could not get
	 * through.
	 * @return the count
	 */
	public int hungUp() {
		return this.hungUp.get();
	}

	private void drop(WebSocketSession session) {
		Channel channel = (session instanceof ReactorNettyWebSocketSession netty)
				? this.connections.find(netty.getChannelId()) : null;
		if (channel != null) {
			this.hungUp.incrementAndGet();
			// Closing the channel fails the writes still queued, and frees them.
			channel.close();
		}
	}

}
