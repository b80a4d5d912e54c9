package dev.wslab.production.limits;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wslab.spring.chat.errors.ChatError;
import io.github.bucket4j.Bucket;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Exercise 3.5: a per-user rate limit on inbound SENDs to {@code /app}, with Bucket4j.
 *
 * <p>
 * Each user has a token bucket of {@code burst} tokens, refilled at
 * {@code messagesPerSecond}. A SEND takes one token; without one, the SEND is dropped
 * here, before any controller or the broker sees it, and its sender is told on
 * {@code /user/queue/errors} with the code {@code rate-limited}. It is not an ERROR
 * frame: the session stays open, and once the bucket refills the user may send again.
 * Nobody else is touched: each user has a bucket of their own.
 *
 * <p>
 * The buckets live in this instance's memory: a user with sessions on two instances gets
 * twice the rate. A cluster-wide limit would keep them in Redis (Bucket4j's
 * {@code bucket4j-redis}).
 */
public class SendRateLimit implements ChannelInterceptor {

	private static final String APP = "/app/";

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final LimitProperties limits;

	private final SenderErrors errors;

	SendRateLimit(LimitProperties limits, SenderErrors errors) {
		this.limits = limits;
		this.errors = errors;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() != StompCommand.SEND) {
			return message;
		}
		String destination = accessor.getDestination();
		Principal user = accessor.getUser();
		if (destination == null || !destination.startsWith(APP) || user == null) {
			return message;
		}
		if (this.buckets.computeIfAbsent(user.getName(), (name) -> newBucket()).tryConsume(1)) {
			return message;
		}
		this.errors.tell(user.getName(), accessor.getSessionId(), new ChatError("rate-limited",
				"Slow down: at most " + this.limits.messagesPerSecond() + " messages a second. This one was dropped."));
		// A null from preSend drops the message: nothing after this interceptor sees it.
		return null;
	}

	private Bucket newBucket() {
		// Greedy refill: tokens come back one by one through the second, not all at once
		// at its end, so a steady sender at the rate is never refused.
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.limits.burst())
				.refillGreedy(this.limits.messagesPerSecond(), Duration.ofSeconds(1)))
			.build();
	}

}
