package dev.wslab.spring.chat.errors;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.simp.annotation.SendToUser;
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
	@SendToUser(destinations = "/queue/errors", broadcast = false)
	public ChatError refused(ChatException ex) {
		return new ChatError(ex.code(), ex.getMessage());
	}

	/**
	 * A body that is not the expected JSON.
	 * @param ex the conversion failure
	 * @return what the sender receives
	 */
	@MessageExceptionHandler
	@SendToUser(destinations = "/queue/errors", broadcast = false)
	public ChatError unreadable(MessageConversionException ex) {
		return new ChatError("bad-json", "The body must be a JSON object such as {\"text\": \"hello\"}.");
	}

}
