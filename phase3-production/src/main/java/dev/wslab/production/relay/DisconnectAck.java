package dev.wslab.production.relay;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Ends a client's session when it says DISCONNECT, as the simple broker of Phase 2 does.
 *
 * <p>
 * The relay forwards a client's DISCONNECT to the broker and closes that session's broker
 * connection, but leaves the client's own socket open: the client is expected to close
 * it. A client that does not (measured: Spring's own SockJS XHR client kept its streaming
 * request open for more than a minute) would stay online, in presence and in the user
 * registry, for as long as its transport lives. So this answers the DISCONNECT the way
 * the simple broker does, with a {@code DISCONNECT_ACK}: Spring then sends the client an
 * ERROR "Session closed." and closes the socket. A DISCONNECT with a {@code receipt}
 * header is left alone: RabbitMQ answers it with a RECEIPT and the client closes (STOMP
 * 1.2, DISCONNECT).
 */
@Component
class DisconnectAck implements ChannelInterceptor {

	private static final byte[] EMPTY = new byte[0];

	private final MessageChannel clientOutboundChannel;

	DisconnectAck(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
		if (!sent || SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.DISCONNECT) {
			return;
		}
		StompHeaderAccessor disconnect = StompHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (disconnect == null || disconnect.getReceipt() != null) {
			return;
		}
		SimpMessageHeaderAccessor ack = SimpMessageHeaderAccessor.create(SimpMessageType.DISCONNECT_ACK);
		ack.setSessionId(disconnect.getSessionId());
		ack.setSessionAttributes(disconnect.getSessionAttributes());
		ack.setHeader(SimpMessageHeaderAccessor.DISCONNECT_MESSAGE_HEADER, message);
		this.clientOutboundChannel.send(MessageBuilder.createMessage(EMPTY, ack.getMessageHeaders()));
	}

}
