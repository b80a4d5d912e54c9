package dev.wslab.spring.raw;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Exercise 2.1: an echo handler that also broadcasts, safely, from any thread.
 *
 * <p>
 * The JSR-356 API under Spring forbids two sends on one session at the same time: the
 * second fails with an {@code IllegalStateException} while the first is still writing.
 * Wrapping each session in a {@link ConcurrentWebSocketSessionDecorator} serializes
 * sends, and bounds how long a send may take and how much may wait in its buffer, so one
 * slow client cannot hold the others.
 */
public class EchoHandler extends TextWebSocketHandler {

	private final Duration sendTimeLimit;

	private final int bufferSizeLimit;

	private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

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
		this.sessions.put(session.getId(), new ConcurrentWebSocketSessionDecorator(session,
				(int) this.sendTimeLimit.toMillis(), this.bufferSizeLimit));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		WebSocketSession safe = this.sessions.get(session.getId());
		if (safe != null) {
			safe.sendMessage(new TextMessage(message.getPayload()));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		this.sessions.remove(session.getId());
	}

	/**
	 * Sends a text to every open session. Safe to call from many threads at once.
	 * @param text the text
	 */
	public void broadcast(String text) {
		TextMessage message = new TextMessage(text);
		for (WebSocketSession session : this.sessions.values()) {
			try {
				session.sendMessage(message);
			}
			catch (SessionLimitExceededException ex) {
				// The decorator only marks the session and throws; closing it is the
				// handler's job.
				closeQuietly(session, ex.getStatus());
			}
			catch (IOException | RuntimeException ex) {
				// This session failed; the others carry on.
			}
		}
	}

	private static void closeQuietly(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException ex) {
			// Already closing.
		}
	}

	/**
	 * Returns how many sessions are open.
	 * @return the count
	 */
	public int openSessions() {
		return this.sessions.size();
	}

}
