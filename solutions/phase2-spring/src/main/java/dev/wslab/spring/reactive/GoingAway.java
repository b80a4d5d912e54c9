package dev.wslab.spring.reactive;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.CloseStatus;
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

	private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

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
		this.sessions.add(session);
	}

	/**
	 * Stops tracking a session that ended.
	 * @param session the session
	 */
	public void forget(WebSocketSession session) {
		this.sessions.remove(session);
	}

	/**
	 * Returns how many sessions are open.
	 * @return the count
	 */
	public int openSessions() {
		return this.sessions.size();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Flux.fromIterable(Set.copyOf(this.sessions))
			.flatMap((session) -> session.close(CloseStatus.GOING_AWAY).onErrorComplete())
			.then()
			.block(this.closeTimeout);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stopped first: the web server's graceful shutdown runs in a lower phase.
		return Integer.MAX_VALUE;
	}

}
