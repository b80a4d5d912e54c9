package dev.wslab.production.room;

import java.security.Principal;
import java.time.Clock;
import java.util.regex.Pattern;

import dev.wslab.production.ack.SendReceipts;
import dev.wslab.production.log.LoggedMessage;
import dev.wslab.production.log.MessageLog;
import dev.wslab.spring.chat.errors.ChatException;
import dev.wslab.spring.chat.room.RoomPost;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Controller;

/**
 * Room messages in the cluster: Phase 2's checks (2.4), then the room's log in Redis
 * gives the message its id before RabbitMQ carries it to every instance. Logged first,
 * broadcast second: a message a client saw live is always in the log it resumes from.
 * Once logged, a SEND with a {@code receipt} is confirmed, and one whose client message
 * id was kept before is confirmed again without a second copy ({@link SendReceipts}).
 */
@Controller
class RoomMessages {

	private static final Pattern ROOM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	private final MessageLog log;

	private final SimpMessageSendingOperations messaging;

	private final Clock clock;

	private final SendReceipts receipts;

	RoomMessages(MessageLog log, SimpMessageSendingOperations messaging, Clock clock, SendReceipts receipts) {
		this.log = log;
		this.messaging = messaging;
		this.clock = clock;
		this.receipts = receipts;
	}

	@MessageMapping("/room.{roomId}.send")
	void send(@DestinationVariable String roomId, RoomPost post, Principal sender, SimpMessageHeaderAccessor headers) {
		if (!ROOM_ID.matcher(roomId).matches()) {
			throw new ChatException("bad-room", "A room id is 1 to 32 lower-case letters, digits and dashes.");
		}
		String text = ChatException.checkText(post.text());
		if (this.receipts.repeated(sender, headers)) {
			return;
		}
		LoggedMessage message = this.log.append(MessageLog.room(roomId),
				new LoggedMessage(null, sender.getName(), null, text, this.clock.instant()));
		this.receipts.kept(sender, headers, message.id());
		this.messaging.convertAndSend("/topic/room." + roomId, message);
	}

}
