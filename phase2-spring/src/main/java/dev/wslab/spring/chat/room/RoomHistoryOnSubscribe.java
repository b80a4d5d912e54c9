package dev.wslab.spring.chat.room;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

/**
 * Sends a room's recent history to a client when it subscribes to
 * {@code /topic/room.{roomId}}, on that subscription only.
 *
 * <p>
 * {@code @SubscribeMapping} answers subscriptions to {@code /app/...} destinations. A
 * room lives on the broker ({@code /topic/...}), so this does by hand what
 * {@code @SubscribeMapping}'s return value handler does: it sends a MESSAGE straight to
 * the client outbound channel, addressed by session id and subscription id, so no other
 * subscriber of the room receives it. The event is published only after the SUBSCRIBE
 * passed the security rules, so a refused subscription gets no history.
 */
@Component
class RoomHistoryOnSubscribe {

	private static final String ROOM_PREFIX = "/topic/room.";

	private final RoomHistory history;

	private final SimpMessagingTemplate toOneSubscription;

	RoomHistoryOnSubscribe(RoomHistory history,
			@Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			@Qualifier("brokerMessageConverter") MessageConverter converter) {
		this.history = history;
		this.toOneSubscription = new SimpMessagingTemplate(clientOutboundChannel);
		this.toOneSubscription.setMessageConverter(converter);
	}

	@EventListener
	void onSubscribe(SessionSubscribeEvent event) {
		SimpMessageHeaderAccessor subscribe = SimpMessageHeaderAccessor.wrap(event.getMessage());
		String destination = subscribe.getDestination();
		if (destination == null || !destination.startsWith(ROOM_PREFIX)) {
			return;
		}
		for (ChatMessage message : this.history.recent(destination.substring(ROOM_PREFIX.length()))) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
			headers.setSessionId(subscribe.getSessionId());
			headers.setSubscriptionId(subscribe.getSubscriptionId());
			headers.setNativeHeader("history", "true");
			headers.setLeaveMutable(true);
			this.toOneSubscription.convertAndSend(destination, message, headers.getMessageHeaders());
		}
	}

}
