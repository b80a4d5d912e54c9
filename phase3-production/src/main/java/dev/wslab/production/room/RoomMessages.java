package dev.wslab.production.room;

import java.security.Principal;
import java.time.Clock;
import java.util.regex.Pattern;

import dev.wslab.production.log.LoggedMessage;
import dev.wslab.production.log.MessageLog;
import dev.wslab.spring.chat.errors.ChatException;
import dev.wslab.spring.chat.room.RoomPost;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Controller;

/**
 * Room messages in the cluster: Phase 2's checks (2.4), then the room's log in Redis
 * gives the message its id before RabbitMQ carries it to every instance. Logged first,
 * broadcast second: a message a client saw live is always in the log it resumes from.
 */
@Controller
class RoomMessages {

	private static final Pattern ROOM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	private final MessageLog log;

	private final SimpMessageSendingOperations messaging;

	private final Clock clock;

	RoomMessages(MessageLog log, SimpMessageSendingOperations messaging, Clock clock) {
		this.log = log;
		this.messaging = messaging;
		this.clock = clock;
	}

	@MessageMapping("/room.{roomId}.send")
	void send(@DestinationVariable String roomId, RoomPost post, Principal sender) {
		if (!ROOM_ID.matcher(roomId).matches()) {
			throw new ChatException("bad-room", "A room id is 1 to 32 lower-case letters, digits and dashes.");
		}
		String text = ChatException.checkText(post.text());
		LoggedMessage message = this.log.append(MessageLog.room(roomId),
				new LoggedMessage(null, sender.getName(), null, text, this.clock.instant()));
		this.messaging.convertAndSend("/topic/room." + roomId, message);
	}

}
