package dev.wslab.production.drain;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.MessageChannel;
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
 * moment later: look at the sessions again while you wait, and ask a new one too;</li>
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
		throw new UnsupportedOperationException("TODO(3.11): set draining, send each live session an ERROR with "
				+ "message:server-restart after closeWith(SERVICE_RESTART) (a session opened while you wait too), "
				+ "wait (bounded) for the sessions to close and the executors to go idle, then run the callback");
	}

}
