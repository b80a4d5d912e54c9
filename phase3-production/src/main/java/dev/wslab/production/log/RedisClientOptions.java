package dev.wslab.production.log;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the chat's Redis client (Lettuce) behaves while Redis is down, so that a message is
 * refused at once rather than held (README, Phase 3, drill 4).
 *
 * <p>
 * Lettuce's defaults queue every command issued while the connection is down and wait up
 * to 60 s for it. Measured in {@code RedisRestartDrillTests} before this class: each SEND
 * held a client inbound thread for those 60 s, then failed with nobody told; with the
 * four threads held, the clients' heartbeats stopped reaching RabbitMQ, which closed
 * their relay sessions, and a CONNECT got no CONNECTED. So:
 * <ul>
 * <li>commands are rejected while the connection is down, and the sender is told
 * ({@link StoreUnavailable});</li>
 * <li>Lettuce still reconnects by itself, every second at most once Redis has been down a
 * while (its default waits up to 30 s between attempts);</li>
 * <li>{@code spring.data.redis.timeout} (application.properties) bounds a command caught
 * in flight when the connection drops.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RedisClientOptions {

	static final Duration RECONNECT_CAP = Duration.ofSeconds(1);

	@Bean
	LettuceClientOptionsBuilderCustomizer rejectWhileDisconnected() {
		return (options) -> options.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	ClientResourcesBuilderCustomizer reconnectEverySecondAtMost() {
		// 1, 2, 4 ... 512 ms, then every RECONNECT_CAP.
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ZERO, RECONNECT_CAP, 2, TimeUnit.MILLISECONDS));
	}

}
