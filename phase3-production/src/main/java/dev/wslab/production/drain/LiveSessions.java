package dev.wslab.production.drain;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * This instance's open WebSocket sessions, for exercise 3.11's drain: their ids, a way to
 * choose the close code of the close that Spring makes after an ERROR frame, and a
 * bounded wait for the last one to close.
 *
 * <p>
 * Spring's STOMP handler closes a session with 1002 (Protocol Error) right after it has
 * written an ERROR frame, and offers no other code. A drain wants 1012 (Service Restart,
 * RFC 6455 §7.4.2 and the IANA registry) after its ERROR, and wants the ERROR to go out
 * first, behind the messages already queued for the session. So every session is handed
 * on to Spring inside a decorator whose {@code close} uses the code set by
 * {@link #closeWith}, if any: the ERROR goes through the client outbound channel as any
 * other frame, and Spring's own close after it carries 1012.
 */
public final class LiveSessions implements WebSocketHandlerDecoratorFactory {

	private final Map<String, Live> open = new ConcurrentHashMap<>();

	/**
	 * Returns the ids of the sessions open now.
	 * @return the session ids, as STOMP messages carry them ({@code simpSessionId})
	 */
	public Set<String> ids() {
		return Set.copyOf(this.open.keySet());
	}

	/**
	 * Makes the session's next close, Spring's after an ERROR frame included, use this
	 * status instead of the one asked for.
	 * @param sessionId the session
	 * @param status such as {@code new CloseStatus(1012, "server-restart")}
	 * @return false if the session is no longer open
	 */
	public boolean closeWith(String sessionId, CloseStatus status) {
		Live live = this.open.get(sessionId);
		if (live == null) {
			return false;
		}
		live.closeWith = status;
		return true;
	}

	/**
	 * Waits until every session has closed, or the time is up.
	 * @param timeout the longest wait
	 * @return the ids of the sessions still open (none when all closed in time)
	 * @throws InterruptedException if interrupted while waiting
	 */
	public List<String> awaitAllClosed(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.open) {
			long left = deadline - System.nanoTime();
			while (!this.open.isEmpty() && left > 0) {
				this.open.wait(Math.max(1, left / 1_000_000));
				left = deadline - System.nanoTime();
			}
			return List.copyOf(this.open.keySet());
		}
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {
			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				Live live = new Live(session);
				LiveSessions.this.open.put(session.getId(), live);
				super.afterConnectionEstablished(live);
			}

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
				super.handleMessage(live(session), message);
			}

			@Override
			public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
				super.handleTransportError(live(session), exception);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				WebSocketSession live = live(session);
				synchronized (LiveSessions.this.open) {
					LiveSessions.this.open.remove(session.getId());
					LiveSessions.this.open.notifyAll();
				}
				super.afterConnectionClosed(live, closeStatus);
			}
		};
	}

	private WebSocketSession live(WebSocketSession session) {
		Live live = this.open.get(session.getId());
		return (live != null) ? live : session;
	}

	/** A session whose close code the drain may choose. */
	private static final class Live extends WebSocketSessionDecorator {

		private volatile CloseStatus closeWith;

		Live(WebSocketSession session) {
			super(session);
		}

		@Override
		public void close(CloseStatus status) throws IOException {
			CloseStatus chosen = this.closeWith;
			super.close((chosen != null) ? chosen : status);
		}

	}

}
