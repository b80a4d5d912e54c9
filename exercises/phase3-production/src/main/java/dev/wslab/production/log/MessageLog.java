package dev.wslab.production.log;

import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Exercise 3.3: the chat's messages in Redis streams, one per room and one per
 * recipient's inbox, so that every instance sees the same history and a client can
 * resume after the last id it saw.
 *
 * <p>
 * Add entries with the id {@code 0-*}: Redis numbers them {@code 0-1}, {@code 0-2}, ...
 * so a missed stretch can be told from a quiet one. Trim each stream to {@link #KEPT}
 * entries.
 */
@Component
public class MessageLog {

	/** How many messages a subscription without {@code since} receives first. */
	public static final int HISTORY = 50;

	/** How many messages a log keeps. */
	public static final long KEPT = 1000;

	private final StringRedisTemplate redis;

	MessageLog(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Names a room's log.
	 * @param roomId the room
	 * @return the Redis key of its stream
	 */
	public static String room(String roomId) {
		return "wslab:room:" + roomId;
	}

	/**
	 * Names a user's inbox of private messages.
	 * @param user the recipient
	 * @return the Redis key of its stream
	 */
	public static String inbox(String user) {
		return "wslab:inbox:" + user;
	}

	/**
	 * Appends a message to a log.
	 * @param log the log's key, from {@link #room(String)} or {@link #inbox(String)}
	 * @param message the message, without an id
	 * @return the message with the id the log gave it
	 */
	public LoggedMessage append(String log, LoggedMessage message) {
		throw new UnsupportedOperationException("TODO(3.3): XADD the message with id 0-* and MAXLEN " + KEPT
				+ ", and return it with the id Redis gave it");
	}

	/**
	 * Returns a log's newest {@link #HISTORY} messages.
	 * @param log the log's key
	 * @return the messages, oldest first
	 */
	public List<LoggedMessage> recent(String log) {
		throw new UnsupportedOperationException("TODO(3.3): XREVRANGE the newest " + HISTORY + ", oldest first");
	}

	/**
	 * Answers a subscription that resumes after {@code since}.
	 * @param log the log's key
	 * @param since the last id the client saw, exactly as it sent it
	 * @return everything after {@code since}; when that cannot be resumed from, a gap and
	 * then what is kept: everything after the trim, or the {@link #recent(String)}
	 * messages when {@code since} is malformed or newer than the newest id
	 */
	public Replay since(String log, String since) {
		throw new UnsupportedOperationException(
				"TODO(3.3): replay what follows since, with gap=true when since is malformed, in the future, or trimmed away");
	}

}
