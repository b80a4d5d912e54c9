package dev.wslab.spring.raw;

import java.io.IOException;
import java.time.Duration;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Exercise 2.1: an echo handler that also broadcasts, safely, from any thread.
 *
 * <p>
 * The JSR-356 API under Spring forbids two sends on one session at the same time: the
 * second fails with an {@code IllegalStateException} while the first is still writing.
 * Wrapping each session in a {@code ConcurrentWebSocketSessionDecorator} serializes
 * sends, and bounds how long a send may take and how much may wait in its buffer, so one
 * slow client cannot hold the others.
 */
public class EchoHandler extends TextWebSocketHandler {

	private final Duration sendTimeLimit;

	private final int bufferSizeLimit;

	/**
	 * Creates the handler.
	 * @param sendTimeLimit the longest a send may take before the session is closed
	 * @param bufferSizeLimit the most bytes that may wait to be sent before the session
	 * is closed
	 */
	public EchoHandler(Duration sendTimeLimit, int bufferSizeLimit) {
		this.sendTimeLimit = sendTimeLimit;
		this.bufferSizeLimit = bufferSizeLimit;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		// TODO(2.1): keep the session, wrapped in a ConcurrentWebSocketSessionDecorator
		// with the limits.
		throw new UnsupportedOperationException(
				"TODO(2.1): track a decorated session in EchoHandler.afterConnectionEstablished");
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		// TODO(2.1): send the same text back through the decorated session.
		throw new UnsupportedOperationException(
				"TODO(2.1): echo through the decorated session in EchoHandler.handleTextMessage");
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		// TODO(2.1): forget the session.
		throw new UnsupportedOperationException("TODO(2.1): forget the session in EchoHandler.afterConnectionClosed");
	}

	/**
	 * Sends a text to every open session. Safe to call from many threads at once.
	 * @param text the text
	 */
	public void broadcast(String text) {
		// TODO(2.1): send to every tracked (decorated) session; one failing session must
		// not stop the rest.
		throw new UnsupportedOperationException("TODO(2.1): broadcast to every session in EchoHandler.broadcast");
	}

	/**
	 * Returns how many sessions are open.
	 * @return the count
	 */
	public int openSessions() {
		// TODO(2.1): the number of tracked sessions.
		throw new UnsupportedOperationException("TODO(2.1): count the sessions in EchoHandler.openSessions");
	}

}
