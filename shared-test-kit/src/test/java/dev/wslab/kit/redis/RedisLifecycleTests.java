package dev.wslab.kit.redis;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Private servers for drills: a restart keeps the port and, through the append-only file,
 * the data; a stop leaves nothing running. Runs on whichever provider the kit chose,
 * local process or container.
 */
class RedisLifecycleTests {

	@Test
	void aRestartKeepsThePortAndWhatWasWrittenBefore() {
		RedisServer redis = Redis.startPrivate();
		try {
			int port = redis.port();
			write(redis, "kit:history", "one", "two", "three");

			Redis.restart(redis);

			assertThat(redis.port()).isEqualTo(port);
			assertThat(read(redis, "kit:history")).containsExactly("one", "two", "three");
		}
		finally {
			Redis.stop(redis);
		}
	}

	@Test
	void aServerStoppedKeepingItsDataRefusesConnectionsUntilStartedAgain() {
		RedisServer redis = Redis.startPrivate();
		try {
			write(redis, "kit:inbox", "kept");

			Redis.stopKeepingData(redis);

			assertThat(accepts(redis)).as("a connection to the stopped server").isFalse();

			Redis.startAgain(redis);

			assertThat(read(redis, "kit:inbox")).containsExactly("kept");
		}
		finally {
			Redis.stop(redis);
		}
	}

	@Test
	void aStopLeavesNoRedisServerRunning() {
		RedisServer redis = Redis.startPrivate();
		List<ProcessHandle> processes = (redis instanceof LocalRedis local) ? local.processes() : List.of();

		Redis.stop(redis);

		await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(redis));
		if (redis instanceof LocalRedis local) {
			assertThat(processes).as("the redis-server process").isNotEmpty().noneMatch(ProcessHandle::isAlive);
			assertThat(local.processes()).isEmpty();
		}
		else {
			assertThat(((ContainerRedis) redis).running()).as("the Redis container is running").isFalse();
		}
	}

	private static void write(RedisServer redis, String key, String... values) {
		RedisClient client = RedisClient.create(redis.uri());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().rpush(key, values);
		}
		finally {
			client.shutdown();
		}
	}

	private static List<String> read(RedisServer redis, String key) {
		RedisClient client = RedisClient.create(redis.uri());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().lrange(key, 0, -1);
		}
		finally {
			client.shutdown();
		}
	}

	private static boolean accepts(RedisServer redis) {
		try (Socket socket = new Socket(redis.host(), redis.port())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
