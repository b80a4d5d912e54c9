package dev.wslab.production.limits;

import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Exercise 3.7: the limits of the WebSocket transport under the chat, so that one client
 * cannot hold an instance's memory or threads: how big a frame may be (Tomcat's buffer
 * and Spring's STOMP decoder must agree), how far behind a client may fall before it is
 * cut off, and how long a new socket may stay silent. Every value is in
 * {@code limits} ({@code wslab.limits.*}).
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
		throw new UnsupportedOperationException(
				"TODO(3.7): set the message size limit, the send time and send buffer limits, and the time to first message from limits");
	}

	/**
	 * Sets the servlet container's buffer for one incoming WebSocket message to the same
	 * size as Spring's STOMP limit.
	 * @param container the container's WebSocket settings
	 */
	void configure(ServletServerContainerFactoryBean container) {
		throw new UnsupportedOperationException(
				"TODO(3.7): raise the container's text and binary message buffers (Tomcat: 8 KB, Spring's STOMP: 16 KB) to limits.messageSize()");
	}

}
