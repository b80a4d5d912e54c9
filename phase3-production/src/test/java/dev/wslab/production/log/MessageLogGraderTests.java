package dev.wslab.production.log;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.wslab.kit.redis.Redis;
import dev.wslab.kit.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Grades exercise 3.3 on a real Redis: ids, history, resumption and gaps. */
@Grades("3.3")
class MessageLogGraderTests {

	static LettuceConnectionFactory connections;

	static MessageLog log;

	@BeforeAll
	static void connect() {
		RedisServer redis = Redis.shared();
		RedisStandaloneConfiguration where = new RedisStandaloneConfiguration(redis.host(), redis.port());
		where.setPassword(redis.password());
		connections = new LettuceConnectionFactory(where);
		connections.afterPropertiesSet();
		connections.start();
		StringRedisTemplate template = new StringRedisTemplate(connections);
		log = new MessageLog(template);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Test
	void numbersTheMessagesOfEachLogFromOne() {
		String red = fresh();
		String blue = fresh();

		assertThat(append(red, "a").id()).isEqualTo("0-1");
		assertThat(append(red, "b").id()).isEqualTo("0-2");
		assertThat(append(blue, "c").id()).as("each log counts on its own").isEqualTo("0-1");
		assertThat(append(red, "d").id()).isEqualTo("0-3");
	}

	@Test
	void keepsSenderRecipientTextAndTimestamp() {
		String inbox = fresh();
		Instant at = Instant.parse("2026-11-30T12:00:00.123Z");

		log.append(inbox, new LoggedMessage(null, "alice", "bob", "hello bob", at));

		assertThat(log.since(inbox, "0-0").messages())
			.containsExactly(new LoggedMessage("0-1", "alice", "bob", "hello bob", at));
	}

	@Test
	void givesTheNewestFiftyOldestFirstAsHistory() {
		String room = fresh();
		IntStream.rangeClosed(1, 60).forEach((i) -> append(room, "m" + i));

		List<LoggedMessage> recent = log.recent(room);

		assertThat(recent).hasSize(MessageLog.HISTORY);
		assertThat(recent.get(0).text()).isEqualTo("m11");
		assertThat(recent.get(49).text()).isEqualTo("m60");
		assertThat(log.recent(fresh())).as("an empty room").isEmpty();
	}

	@Test
	void replaysEverythingAfterTheGivenIdWithoutAGap() {
		String room = fresh();
		IntStream.rangeClosed(1, 5).forEach((i) -> append(room, "m" + i));

		Replay replay = log.since(room, "0-2");

		assertThat(replay.gap()).isFalse();
		assertThat(replay.messages()).extracting(LoggedMessage::text).containsExactly("m3", "m4", "m5");
	}

	@Test
	void replaysNothingToAClientThatHasSeenTheNewest() {
		String room = fresh();
		IntStream.rangeClosed(1, 3).forEach((i) -> append(room, "m" + i));

		Replay replay = log.since(room, "0-3");

		assertThat(replay).isEqualTo(new Replay(false, List.of()));
		assertThat(log.since(fresh(), "0-0")).as("an empty log, resumed from the start")
			.isEqualTo(new Replay(false, List.of()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "banana", "0-", "-1", "0--1", "0-1x", "1-0", "99-7", "0-99999999999999999999" })
	void treatsAMalformedOrForeignIdAsAGapThenGivesTheHistory(String since) {
		String room = fresh();
		IntStream.rangeClosed(1, 3).forEach((i) -> append(room, "m" + i));

		Replay replay = log.since(room, since);

		assertThat(replay.gap()).as("since:%s", since).isTrue();
		assertThat(replay.messages()).extracting(LoggedMessage::text).containsExactly("m1", "m2", "m3");
	}

	@Test
	void treatsAnIdNewerThanTheNewestAsAGap() {
		String room = fresh();
		IntStream.rangeClosed(1, 3).forEach((i) -> append(room, "m" + i));

		Replay replay = log.since(room, "0-4");

		assertThat(replay.gap()).as("a log that was reset under the client").isTrue();
		assertThat(replay.messages()).extracting(LoggedMessage::id).containsExactly("0-1", "0-2", "0-3");
	}

	@Test
	void trimsToWhatItKeepsAndReportsAGapToAClientFromBeforeTheTrim() {
		String room = fresh();
		long total = MessageLog.KEPT + 5;
		for (long i = 1; i <= total; i++) {
			append(room, "m" + i);
		}

		Replay fromBeforeTheTrim = log.since(room, "0-3");
		Replay fromTheEdge = log.since(room, "0-5");

		assertThat(fromBeforeTheTrim.gap()).as("0-4 and 0-5 were trimmed away").isTrue();
		assertThat(fromBeforeTheTrim.messages()).hasSize((int) MessageLog.KEPT);
		assertThat(fromBeforeTheTrim.messages().get(0).id()).isEqualTo("0-6");
		assertThat(fromTheEdge.gap()).as("nothing is missing after 0-5").isFalse();
		assertThat(fromTheEdge.messages()).hasSize((int) MessageLog.KEPT);
	}

	@Test
	void keepsEachUsersInboxApartFromTheOthersAndFromTheRooms() {
		String name = "grader-" + UUID.randomUUID();
		String alices = MessageLog.inbox(name + "-alice");

		append(alices, "for alice only");

		assertThat(log.since(alices, "0-0").messages()).extracting(LoggedMessage::text)
			.as("3.3: alice's inbox")
			.containsExactly("for alice only");
		assertThat(log.since(MessageLog.inbox(name + "-bob"), "0-0").messages())
			.as("3.3: bob's inbox, after a message to alice")
			.isEmpty();
		assertThat(log.since(MessageLog.room(name + "-alice"), "0-0").messages())
			.as("3.3: a room named like alice's inbox")
			.isEmpty();
	}

	private static LoggedMessage append(String key, String text) {
		return log.append(key, new LoggedMessage(null, "alice", null, text, Instant.now()));
	}

	private static String fresh() {
		return MessageLog.room("grader-" + UUID.randomUUID());
	}

}
