package dev.wslab.production.ack;

import java.security.Principal;
import java.time.Duration;

import dev.wslab.spring.chat.errors.ChatException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Acknowledged SENDs, so that a client can tell a message the chat kept from one lost on
 * a dying connection, and send the second again without the first showing twice.
 *
 * <p>
 * STOMP 1.2, "Header receipt": any client frame but CONNECT may carry {@code receipt},
 * and the server answers {@code RECEIPT receipt-id} once it has processed the frame.
 * Spring answers it for frames its broker handles; a SEND to {@code /app} goes to a
 * {@code @MessageMapping} method instead, so the chat answers it here, once the message
 * is in its log. A SEND the chat refuses gets its error (exercise 2.9) and no RECEIPT.
 *
 * <p>
 * A SEND may also carry {@value #CLIENT_MESSAGE_ID}, the client's own id for it. The chat
 * remembers, per user, which of these ids it kept and under which log id, for
 * {@link #REMEMBERED}: a SEND that repeats one is confirmed again and not kept twice. The
 * id is remembered after the message is logged, not before, so an instance that dies
 * between the two steps makes a resend show twice rather than be lost.
 */
@Component
public class SendReceipts {

	/** The native header with the client's own id for a SEND. */
	public static final String CLIENT_MESSAGE_ID = "client-message-id";

	/** How long a kept client message id is remembered. */
	static final Duration REMEMBERED = Duration.ofHours(1);

	private static final int LONGEST_ID = 64;

	private static final String KEY = "wslab:sent:";

	private static final byte[] EMPTY = new byte[0];

	private static final Log logger = LogFactory.getLog(SendReceipts.class);

	private final StringRedisTemplate redis;

	private final MessageChannel clientOutbound;

	SendReceipts(StringRedisTemplate redis, @Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound) {
		this.redis = redis;
		this.clientOutbound = clientOutbound;
	}

	/**
	 * Confirms a SEND the chat already kept under the same client message id, again.
	 * @param sender who sent it
	 * @param send the SEND's headers
	 * @return true if it was kept before: the caller keeps nothing
	 */
	public boolean repeated(Principal sender, SimpMessageHeaderAccessor send) {
		String key = key(sender, send);
		if (key == null || this.redis.opsForValue().get(key) == null) {
			return false;
		}
		confirm(send);
		return true;
	}

	/**
	 * Records that a SEND was kept, and confirms it.
	 * @param sender who sent it
	 * @param send the SEND's headers
	 * @param logId the id the message log gave it
	 */
	public void kept(Principal sender, SimpMessageHeaderAccessor send, String logId) {
		String key = key(sender, send);
		if (key != null) {
			try {
				this.redis.opsForValue().set(key, logId, REMEMBERED);
			}
			catch (DataAccessException ex) {
				// The message is kept: say so. Only a resend of it could now show twice.
				logger.warn("Kept " + logId + " but could not remember its client message id", ex);
			}
		}
		confirm(send);
	}

	private void confirm(SimpMessageHeaderAccessor send) {
		String receipt = send.getFirstNativeHeader(StompHeaderAccessor.STOMP_RECEIPT_HEADER);
		if (receipt == null || send.getSessionId() == null) {
			return;
		}
		StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
		answer.setReceiptId(receipt);
		answer.setSessionId(send.getSessionId());
		this.clientOutbound.send(MessageBuilder.createMessage(EMPTY, answer.getMessageHeaders()));
	}

	private static String key(Principal sender, SimpMessageHeaderAccessor send) {
		String id = send.getFirstNativeHeader(CLIENT_MESSAGE_ID);
		if (id == null || sender == null) {
			return null;
		}
		if (id.isEmpty() || id.length() > LONGEST_ID) {
			throw new ChatException("bad-message-id",
					"A " + CLIENT_MESSAGE_ID + " header is 1 to " + LONGEST_ID + " characters.");
		}
		return KEY + sender.getName() + ":" + id;
	}

}
