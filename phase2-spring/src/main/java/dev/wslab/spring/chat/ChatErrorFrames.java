package dev.wslab.spring.chat;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Turns a refused frame into an ERROR frame that says why, in its {@code message} header
 * and body. Spring wraps an interceptor's exception in a {@code MessageDeliveryException}
 * whose text names a channel, which tells a client nothing; this unwraps it. Failures
 * that are not refusals get a generic text, so no internals leak. After an ERROR frame,
 * Spring closes the WebSocket session (STOMP 1.2: the server must close after ERROR).
 */
public final class ChatErrorFrames extends StompSubProtocolErrorHandler {

	@Override
	public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable failure) {
		String text = describe(failure);
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(text);
		error.setLeaveMutable(true);
		if (clientMessage != null) {
			StompHeaderAccessor client = StompHeaderAccessor.wrap(clientMessage);
			if (client.getReceipt() != null) {
				error.setReceiptId(client.getReceipt());
			}
		}
		return MessageBuilder.createMessage(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				error.getMessageHeaders());
	}

	static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof AuthenticationException) {
				return "Unauthorized: " + cause.getMessage();
			}
			if (cause instanceof AccessDeniedException) {
				return "Forbidden: this frame is not allowed for this user";
			}
		}
		return "Bad frame: the server could not process it";
	}

}
