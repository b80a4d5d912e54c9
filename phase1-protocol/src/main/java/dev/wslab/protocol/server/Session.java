package dev.wslab.protocol.server;

import dev.wslab.protocol.message.Message;

/** One open WebSocket connection, as the application sees it. */
public interface Session {

	/**
	 * Sends a message as a single frame. Safe to call from any thread; ignored once the
	 * close handshake has started (RFC 6455 §5.5.1: no data frames after a close frame).
	 * @param message the message
	 */
	void send(Message message);

	/**
	 * Returns whether messages can still be sent: no close frame was sent and TCP is up.
	 * @return true while open
	 */
	boolean isOpen();

	/**
	 * Returns the subprotocol negotiated in the handshake.
	 * @return the subprotocol, or null
	 */
	String subprotocol();

}
