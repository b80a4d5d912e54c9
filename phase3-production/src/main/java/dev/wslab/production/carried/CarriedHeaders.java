package dev.wslab.production.carried;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * Hands STOMP headers from a client's SEND to the messages the chat sends to the broker
 * while handling it, so that they travel on through RabbitMQ to every MESSAGE the SEND
 * causes, on every instance.
 *
 * <p>
 * A controller builds new messages: nothing of the SEND's headers reaches them by itself.
 * But it sends them on the thread that handles the SEND (the broker channel has no
 * executor of its own). So an interceptor of the client inbound channel calls
 * {@link #carry} in its {@code beforeHandle} and {@link #drop} in its
 * {@code afterMessageHandled}, and this interceptor, on the broker channel, copies what
 * is carried onto each MESSAGE sent in between. The metrics carry the SEND's arrival
 * time, the tracing its {@code traceparent}.
 */
public final class CarriedHeaders implements ChannelInterceptor {

	private static final ThreadLocal<Map<String, Carried>> HANDLING = new ThreadLocal<>();

	/**
	 * Carries a header onto the broker-bound messages sent by the current thread until
	 * {@link #drop} is called, to those whose destination passes the filter.
	 * @param name the STOMP header
	 * @param value its value
	 * @param destinations which destinations get it (as sent to the broker channel)
	 */
	public static void carry(String name, String value, Predicate<String> destinations) {
		Map<String, Carried> carried = HANDLING.get();
		if (carried == null) {
			carried = new LinkedHashMap<>();
			HANDLING.set(carried);
		}
		carried.put(name, new Carried(value, destinations));
	}

	/**
	 * Stops carrying a header on the current thread.
	 * @param name the STOMP header
	 */
	public static void drop(String name) {
		Map<String, Carried> carried = HANDLING.get();
		if (carried != null) {
			carried.remove(name);
			if (carried.isEmpty()) {
				HANDLING.remove();
			}
		}
	}

	/** On the broker channel: adds what the current thread carries to a MESSAGE. */
	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		Map<String, Carried> carried = HANDLING.get();
		if (carried == null
				|| SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE) {
			return message;
		}
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		MessageHeaderAccessor accessor = MessageHeaderAccessor.getMutableAccessor(message);
		if (destination == null || !(accessor instanceof NativeMessageHeaderAccessor stomp)) {
			return message;
		}
		carried.forEach((name, header) -> {
			if (header.destinations().test(destination)) {
				stomp.setNativeHeader(name, header.value());
			}
		});
		return MessageBuilder.createMessage(message.getPayload(), stomp.getMessageHeaders());
	}

	private record Carried(String value, Predicate<String> destinations) {
	}

}
