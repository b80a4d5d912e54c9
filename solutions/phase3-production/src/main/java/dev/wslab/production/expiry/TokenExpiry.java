package dev.wslab.production.expiry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;

/**
 * Exercise 3.8: a session ends when the token it connected with expires.
 *
 * <p>
 * The user set at CONNECT is the session's for as long as the socket lives: Spring never
 * looks at the token again. So when a session connects, this schedules its end for
 * the token's {@code exp}, and cancels that if the session ends first. At that time the
 * client gets an ERROR frame with {@code message:token-expired}, a reason it can act on
 * (sign in again, then reconnect), and Spring closes the connection after it.
 */
public class TokenExpiry {

	/** The ERROR frame's {@code message} header when a session's token has expired. */
	public static final String TOKEN_EXPIRED = "token-expired";

	private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();

	private final TaskScheduler scheduler;

	private final MessageChannel clientOutboundChannel;

	TokenExpiry(TaskScheduler scheduler, MessageChannel clientOutboundChannel) {
		this.scheduler = scheduler;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	/**
	 * A session connected with a token that expires at the given time.
	 * @param sessionId the session
	 * @param expiry the token's {@code exp}
	 */
	void connected(String sessionId, Instant expiry) {
		// A scheduler, not a sleeping thread per session: one thread serves them all.
		ScheduledFuture<?> previous = this.expiries.put(sessionId,
				this.scheduler.schedule(() -> expire(sessionId), expiry));
		if (previous != null) {
			previous.cancel(false);
		}
	}

	/**
	 * A session ended, perhaps before its token expired.
	 * @param sessionId the session
	 */
	void ended(String sessionId) {
		ScheduledFuture<?> expiry = this.expiries.remove(sessionId);
		if (expiry != null) {
			expiry.cancel(false);
		}
	}

	private void expire(String sessionId) {
		this.expiries.remove(sessionId);
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(TOKEN_EXPIRED);
		error.setSessionId(sessionId);
		// STOMP 1.2, ERROR: "the server MUST then close the connection just after sending
		// the ERROR frame". Spring's StompSubProtocolHandler does that for any ERROR it
		// sends to a client.
		this.clientOutboundChannel.send(MessageBuilder.createMessage(
				"Your token has expired: sign in again.".getBytes(StandardCharsets.UTF_8), error.getMessageHeaders()));
	}

}
