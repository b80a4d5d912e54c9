package dev.wslab.production.limits;

import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Exercise 3.7: the limits of the WebSocket transport under the chat, so that one client
 * cannot hold an instance's memory or threads.
 *
 * <ul>
 * <li><b>Size.</b> Two buffers read a client's frame, and they must agree. The servlet
 * container's (Tomcat's) holds one whole WebSocket message: 8 KB by default, which
 * Spring's STOMP handler raises to 16 KB per session and no further. Over it, Tomcat closes the connection with 1009 (RFC 6455 §7.4.1, "too big to process")
 * before Spring sees a byte. Spring's STOMP decoder then joins WebSocket messages into a
 * STOMP frame, up to {@code messageSizeLimit} (64 KB by default): over it, the client
 * gets an ERROR frame and the connection is closed. Both are set to
 * {@code limits.messageSize()}: a frame up to it is taken in one message or in
 * several.</li>
 * <li><b>Slow consumers.</b> Spring sends to each session through a
 * {@code ConcurrentWebSocketSessionDecorator}: one send at a time, later messages wait in
 * a buffer. A send stuck longer than {@code sendTimeLimit}, or a buffer over
 * {@code sendBufferSizeLimit}, closes the session, so a client that stopped reading
 * cannot hold a thread or grow a queue for ever. With 3.1's preserved publish order too:
 * the next message is released once the previous one is in that buffer, not once it is
 * sent.</li>
 * <li><b>Idle sockets.</b> A socket that sends nothing, not even CONNECT, is closed with
 * 4500 once {@code timeToFirstMessage} is over, at the next handshake on the
 * instance.</li>
 * </ul>
 */
public class TransportLimits {

	private final LimitProperties limits;

	TransportLimits(LimitProperties limits) {
		this.limits = limits;
	}

	/**
	 * Sets Spring's limits on the chat's STOMP sessions.
	 * @param registration the STOMP endpoints' transport
	 */
	void configure(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(messageSize())
			.setSendTimeLimit(Math.toIntExact(this.limits.sendTimeLimit().toMillis()))
			.setSendBufferSizeLimit(Math.toIntExact(this.limits.sendBufferLimit().toBytes()))
			.setTimeToFirstMessage(Math.toIntExact(this.limits.timeToFirstMessage().toMillis()));
	}

	/**
	 * Sets the servlet container's buffer for one incoming WebSocket message to the same
	 * size as Spring's STOMP limit.
	 * @param container the container's WebSocket settings
	 */
	void configure(ServletServerContainerFactoryBean container) {
		// Tomcat counts a text message in characters and a binary one in bytes; STOMP
		// over WebSocket is text, and the chat's frames are mostly ASCII.
		container.setMaxTextMessageBufferSize(messageSize());
		container.setMaxBinaryMessageBufferSize(messageSize());
	}

	private int messageSize() {
		return Math.toIntExact(this.limits.messageSize().toBytes());
	}

}
