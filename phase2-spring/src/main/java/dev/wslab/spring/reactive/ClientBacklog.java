package dev.wslab.spring.reactive;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * How far behind one client is. Reactor Netty keeps taking messages for a client that
 * stopped reading and queues them in Netty's outbound buffer without bound (measured by
 * {@code ReactiveChatGraderTests}: 64 MB queued, no back-pressure). Netty does track the
 * queue: the channel turns unwritable above its high-water mark (64 KiB by default). This
 * counts the messages handed over while the channel is unwritable; a client that reads
 * again resets the count.
 */
final class ClientBacklog {

	private final Channel channel;

	private final AtomicInteger whileUnwritable = new AtomicInteger();

	private final int limit;

	private ClientBacklog(Channel channel, int limit) {
		this.channel = channel;
		this.limit = limit;
	}

	/**
	 * Finds the session's Netty channel among the server's open connections.
	 * @param session the session
	 * @param connections every open connection of the server
	 * @param limit how many messages may be handed over while the client is not reading
	 * @return the backlog counter
	 */
	static ClientBacklog of(WebSocketSession session, ChannelGroup connections, int limit) {
		Channel channel = (session instanceof ReactorNettyWebSocketSession netty)
				? connections.find(netty.getChannelId()) : null;
		return new ClientBacklog(channel, limit);
	}

	/**
	 * Counts one more message for the client.
	 * @return true if more than the limit have been handed over while the client was not
	 * reading
	 */
	boolean tooLong() {
		if (this.channel == null || this.channel.isWritable()) {
			this.whileUnwritable.set(0);
			return false;
		}
		return this.whileUnwritable.incrementAndGet() > this.limit;
	}

}
