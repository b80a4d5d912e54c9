package dev.wslab.production.log;

import java.security.Principal;
import java.util.List;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

/**
 * Answers a new subscription from the message log, on that subscription only.
 * <ul>
 * <li>{@code /topic/room.{roomId}} without a {@code since} header: the room's newest
 * {@value MessageLog#HISTORY} messages, marked {@code history:true}, as in Phase 2.</li>
 * <li>{@code /topic/room.{roomId}} or {@code /user/queue/messages} with
 * {@code since:<id>}: everything after that id in the room's log or the user's inbox,
 * marked {@code replay:true}. When the id cannot be resumed from, a frame marked
 * {@code gap:true} comes first. This is SSE's {@code Last-Event-ID} from Phase 1, over
 * STOMP.</li>
 * <li>{@code /user/queue/messages} without {@code since}: nothing, live only, as in Phase
 * 2.</li>
 * </ul>
 * The frames go through an ordered decorator of the client outbound channel, so they
 * reach the client in log order. The event comes after the message rules let the
 * SUBSCRIBE through, so a refused subscription gets nothing.
 */
@Component
class ReplayOnSubscribe {

	private static final String ROOM_PREFIX = "/topic/room.";

	private static final String INBOX = "/user/queue/messages";

	private final MessageLog log;

	private final SimpMessagingTemplate toOneSubscription;

	ReplayOnSubscribe(MessageLog log, @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			@Qualifier("brokerMessageConverter") MessageConverter converter) {
		this.log = log;
		this.toOneSubscription = new SimpMessagingTemplate(
				new OrderedMessageChannelDecorator(clientOutboundChannel, LogFactory.getLog(ReplayOnSubscribe.class)));
		this.toOneSubscription.setMessageConverter(converter);
	}

	@EventListener
	void onSubscribe(SessionSubscribeEvent event) {
		SimpMessageHeaderAccessor subscribe = SimpMessageHeaderAccessor.wrap(event.getMessage());
		String destination = subscribe.getDestination();
		String since = subscribe.getFirstNativeHeader("since");
		Principal user = event.getUser();
		if (destination == null) {
			return;
		}
		if (destination.startsWith(ROOM_PREFIX)) {
			String room = MessageLog.room(destination.substring(ROOM_PREFIX.length()));
			if (since == null) {
				send(subscribe, destination, this.log.recent(room), "history");
			}
			else {
				replay(subscribe, destination, this.log.since(room, since), since);
			}
		}
		else if (destination.equals(INBOX) && since != null && user != null) {
			replay(subscribe, destination, this.log.since(MessageLog.inbox(user.getName()), since), since);
		}
	}

	private void replay(SimpMessageHeaderAccessor subscribe, String destination, Replay replay, String since) {
		if (replay.gap()) {
			String oldest = replay.messages().isEmpty() ? null : replay.messages().get(0).id();
			sendOne(subscribe, destination, new Gap(true, since, oldest), "gap");
		}
		send(subscribe, destination, replay.messages(), "replay");
	}

	private void send(SimpMessageHeaderAccessor subscribe, String destination, List<LoggedMessage> messages,
			String marker) {
		for (LoggedMessage message : messages) {
			sendOne(subscribe, destination, message, marker);
		}
	}

	private void sendOne(SimpMessageHeaderAccessor subscribe, String destination, Object payload, String marker) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(subscribe.getSessionId());
		headers.setSubscriptionId(subscribe.getSubscriptionId());
		headers.setNativeHeader(marker, "true");
		headers.setLeaveMutable(true);
		this.toOneSubscription.convertAndSend(destination, payload, headers.getMessageHeaders());
	}

}
