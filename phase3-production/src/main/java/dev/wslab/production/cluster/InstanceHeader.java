package dev.wslab.production.cluster;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Adds an {@code instance} header to the CONNECTED frame, so that a client (and the page)
 * can tell which instance holds its connection. Through Nginx, the page and the WebSocket
 * may be served by different instances; this names the one that matters.
 */
final class InstanceHeader implements ChannelInterceptor {

	private final String instance;

	InstanceHeader(String instance) {
		this.instance = instance;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() != StompCommand.CONNECTED) {
			return message;
		}
		StompHeaderAccessor connected = StompHeaderAccessor.wrap(message);
		connected.setNativeHeader("instance", this.instance);
		return MessageBuilder.createMessage(message.getPayload(), connected.getMessageHeaders());
	}

}
