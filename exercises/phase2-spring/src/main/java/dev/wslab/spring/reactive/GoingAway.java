package dev.wslab.spring.reactive;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Exercise 2.12: closing every WebSocket with 1001 (going away) when the app stops.
 *
 * <p>
 * With {@code server.shutdown=graceful}, Reactor Netty waits for open connections to
 * finish, and a WebSocket never finishes by itself: shutdown would hang for the whole
 * {@code spring.lifecycle.timeout-per-shutdown-phase}. This lifecycle bean stops in a
 * phase before the web server's graceful shutdown, closes every session with 1001 so
 * clients know to reconnect elsewhere, and waits a bounded time for the closes.
 */
public class GoingAway implements SmartLifecycle {

	private final Duration closeTimeout;

	private volatile boolean running;

	/**
	 * Creates the lifecycle bean.
	 * @param closeTimeout the longest to wait for the close frames to go out
	 */
	public GoingAway(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	/**
	 * Starts tracking a session.
	 * @param session the session
	 */
	public void track(WebSocketSession session) {
		// TODO(2.12): remember the session (a concurrent set).
	}

	/**
	 * Stops tracking a session that ended.
	 * @param session the session
	 */
	public void forget(WebSocketSession session) {
		// TODO(2.12): forget it.
	}

	/**
	 * Returns how many sessions are open.
	 * @return the count
	 */
	public int openSessions() {
		// TODO(2.12): the number of tracked sessions.
		return 0;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		// TODO(2.12): close every tracked session with CloseStatus.GOING_AWAY, and wait
		// at
		// most closeTimeout for all of them.
		throw new UnsupportedOperationException("TODO(2.12): close the sessions with 1001 in GoingAway.stop");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// TODO(2.12): stop before the web server's graceful shutdown (a higher phase).
		return 0;
	}

}
