package dev.wslab.production.limits;

import dev.wslab.spring.chat.errors.ChatError;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the session that sent a frame why it was refused, on {@code /user/queue/errors},
 * as Phase 2's error queue does (exercise 2.9): the same {@link ChatError} payload, to
 * that one session only, and the session stays open.
 */
@Component
class SenderErrors {

	private final SimpMessagingTemplate template;

	SenderErrors(@Lazy SimpMessagingTemplate template) {
		this.template = template;
	}

	void tell(String user, String sessionId, ChatError error) {
		// What @SendToUser(broadcast = false) does: the session id in the headers picks
		// /queue/errors-user{sessionId}, not every session of the user.
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setLeaveMutable(true);
		this.template.convertAndSendToUser(user, "/queue/errors", error, headers.getMessageHeaders());
	}

}
