package dev.wslab.spring.chat.direct;

import java.security.Principal;
import java.time.Clock;

import dev.wslab.spring.chat.auth.DemoUsers;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Controller;

/**
 * Exercise 2.5: private messages. A SEND to {@code /app/chat.private} with
 * {@code {"to","text"}} reaches every session of the recipient on
 * {@code /user/queue/messages}, and nobody else.
 */
@Controller
public class PrivateMessageController {

	private final SimpMessageSendingOperations messaging;

	private final SimpUserRegistry onlineUsers;

	private final DemoUsers users;

	private final Clock clock;

	PrivateMessageController(SimpMessageSendingOperations messaging, SimpUserRegistry onlineUsers, DemoUsers users,
			Clock clock) {
		this.messaging = messaging;
		this.onlineUsers = onlineUsers;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Delivers a private message.
	 * @param post the message
	 * @param sender the authenticated user
	 */
	@MessageMapping("/chat.private")
	public void send(PrivatePost post, Principal sender) {
		// TODO(2.5): refuse an unknown recipient (ChatException "unknown-recipient") and
		// one who is offline ("recipient-offline"), check the text, then
		// convertAndSendToUser(to, "/queue/messages", a PrivateMessage).
		throw new UnsupportedOperationException("TODO(2.5): deliver the message in PrivateMessageController.send");
	}

}
