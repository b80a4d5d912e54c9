package dev.wslab.spring.chat;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Answers a SUBSCRIBE that carries a {@code receipt} header with a RECEIPT frame, once
 * the simple broker has registered the subscription. A real broker (RabbitMQ, in Phase 3)
 * does this itself; Spring's simple broker does not. With it, a client can wait for its
 * subscription instead of guessing, and nothing sent afterwards can race it.
 */
final class SubscribeReceipts implements ExecutorChannelInterceptor {

	private final MessageChannel clientOutboundChannel;

	SubscribeReceipts(MessageChannel clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			Exception failure) {
		if (failure != null || !(handler instanceof SimpleBrokerMessageHandler)) {
			return;
		}
		StompHeaderAccessor inbound = StompHeaderAccessor.wrap(message);
		if (inbound.getCommand() != StompCommand.SUBSCRIBE || inbound.getReceipt() == null) {
			return;
		}
		StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
		receipt.setReceiptId(inbound.getReceipt());
		receipt.setSessionId(inbound.getSessionId());
		receipt.setLeaveMutable(true);
		this.clientOutboundChannel.send(MessageBuilder.createMessage(new byte[0], receipt.getMessageHeaders()));
	}

}
