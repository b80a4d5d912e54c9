package dev.wslab.production.log;

import java.security.Principal;

import dev.wslab.spring.chat.errors.ChatError;

import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataAccessException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * While Redis cannot be reached, the chat refuses rather than drops: a SEND whose message
 * could not be logged, and a subscription whose history or replay could not be read, are
 * answered with {@code store-unavailable} on the session's {@code /user/queue/errors}
 * (Phase 2's error queue, exercise 2.9). The session stays open. A refused message was
 * not delivered to anyone (the log comes first, then the broadcast), so sending it again
 * later cannot show it twice.
 */
@ControllerAdvice
class StoreUnavailable {

	static final String CODE = "store-unavailable";

	private final SimpMessagingTemplate template;

	StoreUnavailable(@Lazy SimpMessagingTemplate template) {
		this.template = template;
	}

	/**
	 * A room or private message, or a subscription to {@code /app/presence}, that Redis
	 * did not answer.
	 * @param ex the failure, such as Lettuce's rejection while disconnected
	 * @return what the sender receives
	 */
	@MessageExceptionHandler
	@SendToUser(destinations = "/queue/errors", broadcast = false)
	ChatError refused(DataAccessException ex) {
		return new ChatError(CODE, "The chat cannot reach its message store right now, so this was refused:"
				+ " nothing was sent or kept. Try again in a moment.");
	}

	/**
	 * Tells one session that its new subscription got no history or replay.
	 * @param user the subscriber
	 * @param sessionId the subscriber's session
	 * @param destination what it subscribed to
	 */
	void noHistory(Principal user, String sessionId, String destination) {
		if (user == null) {
			return;
		}
		// What @SendToUser(broadcast = false) does: the session id in the headers picks
		// /queue/errors-user{sessionId}, not every session of the user.
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setLeaveMutable(true);
		this.template.convertAndSendToUser(user.getName(), "/queue/errors",
				new ChatError(CODE,
						"The chat cannot read the messages of " + destination
								+ " right now. The subscription stands; subscribe again with since in a moment"
								+ " for what it missed."),
				headers.getMessageHeaders());
	}

}
