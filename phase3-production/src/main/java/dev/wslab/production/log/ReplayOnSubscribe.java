package dev.wslab.production.log;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.messaging.Message;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
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
 *
 * <p>
 * A replay with {@code since} waits for the broker. Read at once, it would miss a message
 * broadcast after the read but before RabbitMQ has bound the subscription's queue: in
 * neither the replay nor the live queue. So the SUBSCRIBE goes to the broker with a
 * receipt of the chat's own ({@link ReplayScaffolding}), and the log is read when that
 * RECEIPT comes back: from then on every new message reaches the live queue, and the
 * replay covers everything before. The two may overlap by a message or two; clients drop
 * an id they have already seen. The client's own receipt, if it asked for one, is handed
 * back with the broker's.
 *
 * <p>
 * When Redis cannot be read, the subscription stands without its history or replay, and
 * the session is told so ({@link StoreUnavailable}): a resuming client must not take the
 * silence for "nothing missed".
 */
@Component
class ReplayOnSubscribe implements DisposableBean {

	private static final String RECEIPT_PREFIX = "wslab-replay-";

	private static final String ROOM_PREFIX = "/topic/room.";

	private static final String INBOX = "/user/queue/messages";

	private final MessageLog log;

	private final SimpMessagingTemplate toOneSubscription;

	private final StoreUnavailable unavailable;

	/** Replays waiting for their RECEIPT, by the chat's receipt id. */
	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	/** Reads the log off the broker connection's thread, which must never block. */
	private final SimpleAsyncTaskExecutor replays = new SimpleAsyncTaskExecutor("replay-");

	ReplayOnSubscribe(MessageLog log, @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			@Qualifier("brokerMessageConverter") MessageConverter converter, StoreUnavailable unavailable) {
		this.log = log;
		this.unavailable = unavailable;
		this.toOneSubscription = new SimpMessagingTemplate(
				new OrderedMessageChannelDecorator(clientOutboundChannel, LogFactory.getLog(ReplayOnSubscribe.class)));
		this.toOneSubscription.setMessageConverter(converter);
		this.replays.setVirtualThreads(true);
	}

	/**
	 * On the client inbound channel: gives a SUBSCRIBE with {@code since} a receipt of
	 * the chat's own, so that its replay can wait for the broker.
	 * @param message a frame from a client
	 * @return the frame, with the chat's receipt on a resuming SUBSCRIBE
	 */
	Message<?> awaitBroker(Message<?> message) {
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.SUBSCRIBE) {
			return message;
		}
		StompHeaderAccessor subscribe = StompHeaderAccessor.wrap(message);
		String since = subscribe.getFirstNativeHeader("since");
		String log = (subscribe.getCommand() == StompCommand.SUBSCRIBE && since != null)
				? logOf(subscribe.getDestination(), subscribe.getUser()) : null;
		if (log == null) {
			return message;
		}
		String receipt = RECEIPT_PREFIX + UUID.randomUUID();
		this.pending.put(receipt, new Pending(subscribe.getUser(), subscribe.getSessionId(),
				subscribe.getSubscriptionId(), subscribe.getDestination(), log, since, subscribe.getReceipt()));
		subscribe.setReceipt(receipt);
		return MessageBuilder.createMessage(message.getPayload(), subscribe.getMessageHeaders());
	}

	/**
	 * On the client outbound channel: when the broker's RECEIPT for a resuming SUBSCRIBE
	 * comes back, starts its replay and hands the client its own receipt, if it asked.
	 * @param message a frame for a client
	 * @return the frame; the client's RECEIPT in place of the chat's, or null when the
	 * client asked for none
	 */
	Message<?> brokerReceipt(Message<?> message) {
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
			return message;
		}
		StompHeaderAccessor receipt = StompHeaderAccessor.wrap(message);
		String id = receipt.getReceiptId();
		if (receipt.getCommand() != StompCommand.RECEIPT || id == null || !id.startsWith(RECEIPT_PREFIX)) {
			return message;
		}
		Pending replay = this.pending.remove(id);
		if (replay == null) {
			return null;
		}
		this.replays.execute(() -> replay(replay));
		if (replay.clientReceipt() == null) {
			return null;
		}
		receipt.setReceiptId(replay.clientReceipt());
		return MessageBuilder.createMessage(message.getPayload(), receipt.getMessageHeaders());
	}

	@EventListener
	void onDisconnect(SessionDisconnectEvent event) {
		this.pending.values().removeIf((replay) -> replay.sessionId().equals(event.getSessionId()));
	}

	@Override
	public void destroy() {
		this.replays.close();
	}

	/** The log a resuming subscription reads, or null if it is not one. */
	private static String logOf(String destination, Principal user) {
		if (destination == null) {
			return null;
		}
		if (destination.startsWith(ROOM_PREFIX)) {
			return MessageLog.room(destination.substring(ROOM_PREFIX.length()));
		}
		return (destination.equals(INBOX) && user != null) ? MessageLog.inbox(user.getName()) : null;
	}

	@EventListener
	void onSubscribe(SessionSubscribeEvent event) {
		SimpMessageHeaderAccessor subscribe = SimpMessageHeaderAccessor.wrap(event.getMessage());
		String destination = subscribe.getDestination();
		// With since, the replay waits for the broker's RECEIPT (brokerReceipt).
		if (destination != null && destination.startsWith(ROOM_PREFIX)
				&& subscribe.getFirstNativeHeader("since") == null) {
			String room = MessageLog.room(destination.substring(ROOM_PREFIX.length()));
			List<LoggedMessage> recent;
			try {
				recent = this.log.recent(room);
			}
			catch (DataAccessException ex) {
				this.unavailable.noHistory(event.getUser(), subscribe.getSessionId(), destination);
				return;
			}
			send(subscribe.getSessionId(), subscribe.getSubscriptionId(), destination, recent, "history");
		}
	}

	private void replay(Pending replay) {
		Replay found;
		try {
			found = this.log.since(replay.log(), replay.since());
		}
		catch (DataAccessException ex) {
			this.unavailable.noHistory(replay.user(), replay.sessionId(), replay.destination());
			return;
		}
		if (found.gap()) {
			String oldest = found.messages().isEmpty() ? null : found.messages().get(0).id();
			sendOne(replay.sessionId(), replay.subscriptionId(), replay.destination(),
					new Gap(true, replay.since(), oldest), "gap");
		}
		send(replay.sessionId(), replay.subscriptionId(), replay.destination(), found.messages(), "replay");
	}

	private void send(String sessionId, String subscriptionId, String destination, List<LoggedMessage> messages,
			String marker) {
		for (LoggedMessage message : messages) {
			sendOne(sessionId, subscriptionId, destination, message, marker);
		}
	}

	private void sendOne(String sessionId, String subscriptionId, String destination, Object payload, String marker) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setSubscriptionId(subscriptionId);
		headers.setNativeHeader(marker, "true");
		headers.setLeaveMutable(true);
		this.toOneSubscription.convertAndSend(destination, payload, headers.getMessageHeaders());
	}

	/** A replay waiting for the broker's RECEIPT. */
	private record Pending(Principal user, String sessionId, String subscriptionId, String destination, String log,
			String since, String clientReceipt) {
	}

}
