package dev.wslab.spring.chat.errors;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Exercise 2.9: refused messages go back to their sender on {@code /user/queue/errors},
 * for every {@code @MessageMapping} controller. {@code broadcast = false} sends to the
 * session that sent the message, not to every tab the user has open.
 */
@ControllerAdvice
public class ChatErrorAdvice {

	/**
	 * A message the chat refuses.
	 * @param ex the refusal
	 * @return what the sender receives
	 */
	@MessageExceptionHandler
	// TODO(2.9): send the result to the sender's /queue/errors, this session only.
	public ChatError refused(ChatException ex) {
		throw new UnsupportedOperationException("TODO(2.9): answer a ChatException in ChatErrorAdvice.refused");
	}

	/**
	 * A body that is not the expected JSON.
	 * @param ex the conversion failure
	 * @return what the sender receives
	 */
	@MessageExceptionHandler
	// TODO(2.9): the same destination; the code is "bad-json".
	public ChatError unreadable(MessageConversionException ex) {
		throw new UnsupportedOperationException("TODO(2.9): answer unreadable JSON in ChatErrorAdvice.unreadable");
	}

}
