package dev.wslab.spring.chat.direct;

import java.security.Principal;
import java.time.Clock;

import dev.wslab.spring.chat.auth.DemoUsers;
import dev.wslab.spring.chat.errors.ChatException;

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
		String to = post.to();
		if (to == null || !this.users.exists(to)) {
			throw new ChatException("unknown-recipient", "There is no user called '" + to + "'.");
		}
		String text = ChatException.checkText(post.text());
		if (this.onlineUsers.getUser(to) == null) {
			// The simple broker keeps nothing for absent users: say so rather than drop
			// it.
			throw new ChatException("recipient-offline", to + " is not online.");
		}
		// Sent to /user/{to}/queue/messages; the user destination resolver turns that
		// into
		// one queue per session of that user, so only they receive it.
		this.messaging.convertAndSendToUser(to, "/queue/messages",
				new PrivateMessage(sender.getName(), to, text, this.clock.instant()));
	}

}
