package dev.wslab.production.relay;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Lets a topic name hold a {@code /}, as Phase 2's contract allows
 * ({@code /topic/admin/audit}), on RabbitMQ, which does not.
 *
 * <p>
 * RabbitMQ's STOMP plugin splits a destination on {@code /}: {@code /topic/<key>} is
 * {@code amq.topic} with the routing key {@code <key>}, and a further {@code /} makes it
 * invalid. The plugin answers ERROR "not a valid topic destination", and the relay closes
 * the client's session with it. The plugin reads {@code %2F} as a {@code /} inside a
 * name, and writes its MESSAGE frames' {@code destination} the same way (its
 * {@code rabbit_routing_parser} and {@code rabbit_stomp_util}). So on the way to the
 * broker a topic's name is escaped ({@code %} first, then {@code /}), and on the way back
 * to a client it is decoded, so the client sees the destination it subscribed to.
 * Spring's message rules run before this, on the name the client sent.
 */
final class TopicPaths implements ChannelInterceptor {

	private static final String TOPIC = "/topic/";

	private final boolean toClients;

	private TopicPaths(boolean toClients) {
		this.toClients = toClients;
	}

	/** Escapes what goes to the broker: client frames and the app's own messages. */
	static TopicPaths toBroker() {
		return new TopicPaths(false);
	}

	/** Decodes the broker's MESSAGE frames on their way to the clients. */
	static TopicPaths toClients() {
		return new TopicPaths(true);
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		if (destination == null || !destination.startsWith(TOPIC)) {
			return message;
		}
		String name = destination.substring(TOPIC.length());
		String rewritten = TOPIC + (this.toClients ? decode(name) : name.replace("%", "%25").replace("/", "%2F"));
		if (rewritten.equals(destination)
				|| !(MessageHeaderAccessor.getMutableAccessor(message) instanceof SimpMessageHeaderAccessor accessor)) {
			return message;
		}
		accessor.setDestination(rewritten);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	/** Undoes the plugin's escapes: {@code %XX} is a byte of the UTF-8 name. */
	static String decode(String name) {
		// URLDecoder also reads + as a space, which the plugin never meant.
		return (name.indexOf('%') < 0) ? name : URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
