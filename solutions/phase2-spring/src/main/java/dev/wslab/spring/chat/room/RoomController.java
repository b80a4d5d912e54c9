package dev.wslab.spring.chat.room;

import java.security.Principal;
import java.time.Clock;
import java.util.regex.Pattern;

import dev.wslab.spring.chat.errors.ChatException;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Controller;

/**
 * Exercise 2.4: room messages. A SEND to {@code /app/room.{roomId}.send} with
 * {@code {"text"}} is checked, stamped with the sender and the time, kept in the room's
 * history, and broadcast on {@code /topic/room.{roomId}}.
 */
@Controller
public class RoomController {

	private static final Pattern ROOM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	private final RoomHistory history;

	private final Clock clock;

	RoomController(RoomHistory history, Clock clock) {
		this.history = history;
		this.clock = clock;
	}

	/**
	 * Accepts a room message.
	 * @param roomId the room, from the destination
	 * @param post the message
	 * @param sender the authenticated user
	 * @return what the room's subscribers receive
	 */
	@MessageMapping("/room.{roomId}.send")
	@SendTo("/topic/room.{roomId}")
	public ChatMessage send(@DestinationVariable String roomId, RoomPost post, Principal sender) {
		if (!ROOM_ID.matcher(roomId).matches()) {
			throw new ChatException("bad-room", "A room id is 1 to 32 lower-case letters, digits and dashes.");
		}
		ChatMessage message = new ChatMessage(sender.getName(), ChatException.checkText(post.text()),
				this.clock.instant());
		this.history.add(roomId, message);
		return message;
	}

}
