package dev.wslab.production.drain;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;

/**
 * Exercise 3.11: the draining shutdown. When the context closes (SIGTERM, or
 * {@code close()}), this instance hands its clients over instead of dropping them.
 *
 * <p>
 * Spring stops the lifecycle beans from the highest phase down. At
 * {@link #getPhase()}, this one, the web server and the messaging are still up; the web
 * server's graceful shutdown ({@link WebServerApplicationContext#GRACEFUL_SHUTDOWN_PHASE})
 * comes next, then Tomcat's stop, which would close the WebSockets with 1001; the broker
 * relay and the messaging executors stop last, at phase 0. In {@link #stop(Runnable)}:
 * <ol>
 * <li>stop taking new handshakes: once {@link #isDraining()} is true, a filter answers
 * them 503 with {@code Retry-After};</li>
 * <li>ask each open session to move: an ERROR frame with
 * {@code message:}{@value #SERVER_RESTART} on the client outbound channel, behind the
 * messages already queued for it, and the close that Spring makes after an ERROR with
 * {@link #SERVICE_RESTART} (1012) instead of 1002 ({@link LiveSessions#closeWith}). A
 * handshake the filter let through just before the drain began opens its session a
 * moment later, so the sessions are looked at again every {@link #ASK_AGAIN} while
 * waiting, and a new one is asked too (the rolling restart drill met one that was
 * not);</li>
 * <li>let in-flight messages finish: wait until the sessions have closed and the
 * messaging executors are idle ({@link InFlight}), each for at most the timeout;</li>
 * <li>then run the callback, well inside
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.</li>
 * </ol>
 */
public class DrainingShutdown implements SmartLifecycle {

	/** The ERROR frame's {@code message} header that asks a client to reconnect elsewhere. */
	public static final String SERVER_RESTART = "server-restart";

	/** RFC 6455 §7.4 (IANA WebSocket Close Code Number Registry): 1012, Service Restart. */
	public static final CloseStatus SERVICE_RESTART = new CloseStatus(1012, SERVER_RESTART);

	/** How often the drain looks for sessions opened after it began. */
	static final Duration ASK_AGAIN = Duration.ofMillis(100);

	private static final Logger logger = LoggerFactory.getLogger(DrainingShutdown.class);

	private final LiveSessions sessions;

	private final MessageChannel clientOutboundChannel;

	private final InFlight inFlight;

	private final Duration timeout;

	private volatile boolean running;

	private volatile boolean draining;

	DrainingShutdown(LiveSessions sessions, MessageChannel clientOutboundChannel, InFlight inFlight, Duration timeout) {
		this.sessions = sessions;
		this.clientOutboundChannel = clientOutboundChannel;
		this.inFlight = inFlight;
		this.timeout = timeout;
	}

	/**
	 * Says whether the drain has begun; new handshakes are then refused.
	 * @return true from the start of {@link #stop(Runnable)} on
	 */
	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Just above the web server's graceful shutdown, so that this runs first: Tomcat still
	 * serves the sockets, and the relay (phase 0) still carries their messages.
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	/**
	 * Drains this instance, then runs the callback.
	 * @param callback tells Spring this phase is done
	 */
	@Override
	public void stop(Runnable callback) {
		long started = System.nanoTime();
		this.draining = true;
		try {
			long deadline = started + this.timeout.toNanos();
			Set<String> asked = new HashSet<>();
			List<String> open;
			do {
				for (String sessionId : this.sessions.ids()) {
					if (asked.add(sessionId) && this.sessions.closeWith(sessionId, SERVICE_RESTART)) {
						this.clientOutboundChannel.send(restart(sessionId));
					}
				}
				long left = Math.max(0, deadline - System.nanoTime());
				open = this.sessions.awaitAllClosed(Duration.ofNanos(Math.min(left, ASK_AGAIN.toNanos())));
			}
			while (!open.isEmpty() && System.nanoTime() < deadline);
			int busy = this.inFlight.awaitIdle(this.timeout);
			logger.info("Drained in {} ms: {} sessions still open, {} messaging tasks still busy",
					Duration.ofNanos(System.nanoTime() - started).toMillis(), open.size(), busy);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.running = false;
			callback.run();
		}
	}

	private static Message<byte[]> restart(String sessionId) {
		// STOMP 1.2: the server closes the connection after an ERROR; Spring does it,
		// with the code set by closeWith.
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(SERVER_RESTART);
		error.setSessionId(sessionId);
		error.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], error.getMessageHeaders());
	}

}
