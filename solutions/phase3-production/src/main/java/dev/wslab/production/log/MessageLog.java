package dev.wslab.production.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Exercise 3.3: the chat's messages in Redis streams, one per room and one per
 * recipient's inbox, so that every instance sees the same history and a client can
 * resume after the last id it saw.
 *
 * <p>
 * Entries are added with the id {@code 0-*}: Redis (7.0 and later) keeps the time part
 * at 0 and numbers a stream's entries 1, 2, 3... So ids are gap-free within a log, and a
 * missed stretch can be told from a quiet one: after {@code 0-k} comes {@code 0-(k+1)}.
 * Each stream is trimmed to {@link #KEPT} entries.
 */
@Component
public class MessageLog {

	/** How many messages a subscription without {@code since} receives first. */
	public static final int HISTORY = 50;

	/** How many messages a log keeps. */
	public static final long KEPT = 1000;

	private static final Pattern STREAM_ID = Pattern.compile("0-(\\d{1,18})");

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
		Map<String, String> fields = new HashMap<>();
		fields.put("from", message.from());
		fields.put("text", message.text());
		fields.put("timestamp", message.timestamp().toString());
		if (message.to() != null) {
			fields.put("to", message.to());
		}
		MapRecord<String, String, String> record = StreamRecords.newRecord()
			.in(log)
			.withId(RecordId.of("0-*"))
			.ofMap(fields);
		RecordId id = this.redis.opsForStream().add(record, XAddOptions.maxlen(KEPT));
		return message.withId(id.getValue());
	}

	/**
	 * Returns a log's newest {@link #HISTORY} messages.
	 * @param log the log's key
	 * @return the messages, oldest first
	 */
	public List<LoggedMessage> recent(String log) {
		List<LoggedMessage> messages = new ArrayList<>(
				read(this.redis.opsForStream().reverseRange(log, Range.unbounded(), Limit.limit().count(HISTORY))));
		Collections.reverse(messages);
		return messages;
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
		long seen = sequence(since);
		List<LoggedMessage> newest = read(
				this.redis.opsForStream().reverseRange(log, Range.unbounded(), Limit.limit().count(1)));
		long last = newest.isEmpty() ? 0 : sequence(newest.get(0).id());
		if (seen < 0 || seen > last) {
			return new Replay(true, recent(log));
		}
		List<LoggedMessage> after = read(
				this.redis.opsForStream().range(log, Range.rightUnbounded(Range.Bound.exclusive("0-" + seen))));
		boolean trimmed = !after.isEmpty() && sequence(after.get(0).id()) > seen + 1;
		return new Replay(trimmed, after);
	}

	/** The entry number of an id {@code 0-n}, or -1 if it is not one. */
	private static long sequence(String id) {
		Matcher matcher = (id != null) ? STREAM_ID.matcher(id) : null;
		return (matcher != null && matcher.matches()) ? Long.parseLong(matcher.group(1)) : -1;
	}

	private static List<LoggedMessage> read(List<MapRecord<String, Object, Object>> records) {
		if (records == null) {
			return List.of();
		}
		return records.stream().map(MessageLog::toMessage).toList();
	}

	private static LoggedMessage toMessage(MapRecord<String, Object, Object> record) {
		Map<Object, Object> fields = record.getValue();
		return new LoggedMessage(record.getId().getValue(), (String) fields.get("from"), (String) fields.get("to"),
				(String) fields.get("text"), Instant.parse((String) fields.get("timestamp")));
	}

}
