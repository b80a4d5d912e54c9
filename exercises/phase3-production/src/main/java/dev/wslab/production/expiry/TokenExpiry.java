package dev.wslab.production.expiry;

import java.time.Instant;

import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.TaskScheduler;

/**
 * Exercise 3.8: a session ends when the token it connected with expires.
 *
 * <p>
 * The user set at CONNECT is the session's for as long as the socket lives. When a
 * session is connected, schedule its end for its token's expiry on the scheduler, and
 * cancel that if the session ends first. At that time, send the client an ERROR frame
 * with {@code message:token-expired} (and the session id) on the client outbound channel.
 */
public class TokenExpiry {

	/** The ERROR frame's {@code message} header when a session's token has expired. */
	public static final String TOKEN_EXPIRED = "token-expired";

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
		throw new UnsupportedOperationException(
				"TODO(3.8): schedule an ERROR frame with message:token-expired for the session at its token's expiry");
	}

	/**
	 * A session ended, perhaps before its token expired.
	 * @param sessionId the session
	 */
	void ended(String sessionId) {
		throw new UnsupportedOperationException("TODO(3.8): cancel the session's scheduled expiry");
	}

}
