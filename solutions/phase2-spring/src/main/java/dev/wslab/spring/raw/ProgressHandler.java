package dev.wslab.spring.raw;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
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

	private static final Logger logger = LoggerFactory.getLogger(ProgressHandler.class);

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
		logger.info("Connection established on session {}", session.getId());
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		WebSocketSession safe = decorated(session);
		String tutorial = message.getPayload();
		safe.sendMessage(new TextMessage("Started processing tutorial: " + tutorial));
		this.scheduler.schedule(() -> complete(safe, tutorial), Instant.now().plus(this.delay));
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.warn("Transport error on session {}: {}", session.getId(), exception.getMessage());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		logger.info("Connection closed on session {} with status {}", session.getId(), status.getCode());
	}

	private void complete(WebSocketSession session, String tutorial) {
		if (!session.isOpen()) {
			return;
		}
		try {
			session.sendMessage(new TextMessage("Completed processing tutorial: " + tutorial));
		}
		catch (IOException ex) {
			logger.warn("Could not send the completion to session {}: {}", session.getId(), ex.getMessage());
		}
	}

	private static WebSocketSession decorated(WebSocketSession session) {
		// One decorator per session, kept in its attributes, so every sender shares its
		// lock.
		return (WebSocketSession) session.getAttributes()
			.computeIfAbsent("wslab.decorated",
					(key) -> new ConcurrentWebSocketSessionDecorator(session, 5000, 64 * 1024));
	}

}
