package dev.wslab.production.direct;

import java.security.Principal;
import java.time.Clock;
import java.util.Map;

import dev.wslab.production.ack.SendReceipts;
import dev.wslab.production.log.LoggedMessage;
import dev.wslab.production.log.MessageLog;
import dev.wslab.production.presence.ClusterPresence;
import dev.wslab.spring.chat.auth.DemoUsers;
import dev.wslab.spring.chat.direct.PrivatePost;
import dev.wslab.spring.chat.errors.ChatException;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Controller;

/**
 * Private messages in the cluster. Every message to a known user goes into their inbox in
 * Redis first, so a recipient who is away, or reconnecting to another instance, gets it
 * later by subscribing with {@code since}. Once in the inbox, a SEND with a
 * {@code receipt} is confirmed ({@link SendReceipts}). Then it is delivered live to each
 * of their sessions, on whichever instance: the user destination broadcast of exercise
 * 3.1 carries it to an instance that has not yet heard of the session.
 *
 * <p>
 * Whether the recipient is online comes from the cluster's presence in Redis, not from
 * the user registry, which learns of a session on another instance only at its next
 * broadcast. {@code recipient-offline} keeps Phase 2's code, and now means "kept for
 * later".
 */
@Controller
class PrivateMessages {

	private static final String INBOX = "/user/queue/messages";

	private final MessageLog log;

	private final ClusterPresence presence;

	private final DemoUsers users;

	private final SimpMessageSendingOperations messaging;

	private final Clock clock;

	private final SendReceipts receipts;

	PrivateMessages(MessageLog log, ClusterPresence presence, DemoUsers users, SimpMessageSendingOperations messaging,
			Clock clock, SendReceipts receipts) {
		this.log = log;
		this.presence = presence;
		this.users = users;
		this.messaging = messaging;
		this.clock = clock;
		this.receipts = receipts;
	}

	@MessageMapping("/chat.private")
	void send(PrivatePost post, Principal sender, SimpMessageHeaderAccessor sendHeaders) {
		String to = post.to();
		if (to == null || !this.users.exists(to)) {
			throw new ChatException("unknown-recipient", "There is no user called '" + to + "'.");
		}
		String text = ChatException.checkText(post.text());
		if (this.receipts.repeated(sender, sendHeaders)) {
			return;
		}
		LoggedMessage message = this.log.append(MessageLog.inbox(to),
				new LoggedMessage(null, sender.getName(), to, text, this.clock.instant()));
		// Kept, whether or not the recipient is online: confirmed either way.
		this.receipts.kept(sender, sendHeaders, message.id());
		if (!this.presence.isOnline(to)) {
			throw new ChatException("recipient-offline",
					to + " is not online. The message is kept in their inbox for later.");
		}
		// Addressed to each session's own queue, by the sessions Redis knows now.
		// RabbitMQ
		// routes it to whichever instance holds the session, and the client sees it on
		// /user/queue/messages, the destination it subscribed to.
		Map<String, Object> headers = Map.of(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, INBOX);
		for (String sessionId : this.presence.sessionsOf(to)) {
			this.messaging.convertAndSend("/queue/messages-user" + sessionId, message, headers);
		}
	}

}
