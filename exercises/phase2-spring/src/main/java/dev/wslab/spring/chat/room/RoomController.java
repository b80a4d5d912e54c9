package dev.wslab.spring.chat.room;

import java.security.Principal;
import java.time.Clock;

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
		// TODO(2.4): refuse a room id that is not 1-32 of [a-z0-9-] (ChatException
		// "bad-room"), check the text with ChatException.checkText, keep it in the
		// history, and return it.
		throw new UnsupportedOperationException("TODO(2.4): accept a room message in RoomController.send");
	}

}
