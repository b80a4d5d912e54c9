package dev.wslab.kit.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared Redis is real, demands its generated password and answers a real client. */
@WithRedis
class RedisServerTests {

	@Test
	void aRealClientAuthenticatesThenPingsSetsAndGets(RedisServer redis) {
		RedisClient client = RedisClient.create(redis.uri());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> commands = connection.sync();

			assertThat(commands.ping()).isEqualTo("PONG");
			assertThat(commands.set("kit:greeting", "hello redis")).isEqualTo("OK");
			assertThat(commands.get("kit:greeting")).isEqualTo("hello redis");
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void aCommandBeforeAuthIsRefusedWithNoauth(RedisServer redis) throws IOException {
		String answer = firstReplyLine(redis, RedisPing.command("GET", "kit:greeting"));

		assertThat(answer).startsWith("-NOAUTH");
	}

	@Test
	void aWrongPasswordIsRefusedWithWrongpass(RedisServer redis) throws IOException {
		String answer = firstReplyLine(redis, RedisPing.command("AUTH", "not-" + redis.password()));

		assertThat(answer).startsWith("-WRONGPASS");
	}

	@Test
	void thePasswordIsGeneratedNotADefault(RedisServer redis) {
		assertThat(redis.password()).startsWith("wslab-").hasSizeGreaterThanOrEqualTo(30);
		assertThat(redis.description()).doesNotContain(redis.password());
	}

	private static String firstReplyLine(RedisServer redis, String command) throws IOException {
		try (Socket socket = new Socket(redis.host(), redis.port())) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
	}

}
