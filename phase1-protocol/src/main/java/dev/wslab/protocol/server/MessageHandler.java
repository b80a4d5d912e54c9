package dev.wslab.protocol.server;

import dev.wslab.protocol.message.Message;

/** What the application does with the messages of one connection. */
public interface MessageHandler {

	/**
	 * Called with each complete message, on the connection's own thread.
	 * @param session the connection
	 * @param message the message
	 */
	void onMessage(Session session, Message message);

	/** The milestone's handler: sends every message back, same type, same bytes. */
	MessageHandler ECHO = Session::send;

}
