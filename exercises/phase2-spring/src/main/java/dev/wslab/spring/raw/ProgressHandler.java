package dev.wslab.spring.raw;

import java.io.IOException;
import java.time.Duration;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Exercise 2.2: the "tutorial processing" handler, without blocking a container thread.
 *
 * <p>
 * It answers each message at once with "Started processing tutorial: …" and about a
 * second later with "Completed processing tutorial: …". The classic version sleeps
 * between the two on the container thread; this one hands the second reply to a
 * {@link TaskScheduler}, so the thread goes back to serving other connections at once.
 * The session is decorated because the two replies come from two different threads.
 */
public class ProgressHandler extends TextWebSocketHandler {

	private final TaskScheduler scheduler;

	private final Duration delay;

	/**
	 * Creates the handler.
	 * @param scheduler where the delayed reply runs
	 * @param delay how long "processing" takes
	 */
	public ProgressHandler(TaskScheduler scheduler, Duration delay) {
		this.scheduler = scheduler;
		this.delay = delay;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		// TODO(2.2): log the new session's id.
		throw new UnsupportedOperationException(
				"TODO(2.2): log the connection in ProgressHandler.afterConnectionEstablished");
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		// TODO(2.2): reply "Started processing tutorial: <text>" now, and schedule
		// "Completed processing tutorial: <text>" after this.delay with this.scheduler
		// (never
		// Thread.sleep). Both go through one ConcurrentWebSocketSessionDecorator per
		// session.
		throw new UnsupportedOperationException("TODO(2.2): reply now and later in ProgressHandler.handleTextMessage");
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		// TODO(2.2): log the error with the session id.
		throw new UnsupportedOperationException(
				"TODO(2.2): log transport errors in ProgressHandler.handleTransportError");
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		// TODO(2.2): log the close status code.
		throw new UnsupportedOperationException("TODO(2.2): log the close in ProgressHandler.afterConnectionClosed");
	}

}
