package dev.wslab.kit.redis;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A running Redis that demands a password, whichever provider started it.
 *
 * <p>
 * The kit never runs Redis without authentication: every instance gets
 * {@code requirepass} with a password generated for it, and listens on loopback only
 * (containers publish their port on 127.0.0.1). Append-only persistence is on, so a
 * graceful {@link Redis#restart(RedisServer) restart} keeps the data.
 */
public interface RedisServer {

	/** Redis's usual port, and the port inside a container. */
	int REDIS_PORT = 6379;

	/**
	 * Returns the host clients connect to.
	 * @return a host name or address, loopback for the kit's own instances
	 */
	String host();

	/**
	 * Returns the port clients connect to.
	 * @return the port
	 */
	int port();

	/**
	 * Returns the password that {@code AUTH} needs before any other command.
	 * @return the generated password
	 */
	String password();

	/**
	 * Says which provider supplied this server, for logs and the doctor.
	 * @return for example
	 * {@code local process redis-server on 127.0.0.1:41234, state in ...}
	 */
	String description();

	/**
	 * Returns a {@code redis://} address with the password, as Lettuce and Spring accept
	 * it.
	 * @return for example {@code redis://:secret@127.0.0.1:41234}
	 */
	default String uri() {
		return "redis://:" + password() + "@" + host() + ":" + port();
	}

	/**
	 * Publishes the connection settings to a Spring test context as Spring Boot's
	 * {@code spring.data.redis.*}.
	 * @param registry the registry passed to a {@code @DynamicPropertySource} method
	 */
	default void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", this::host);
		registry.add("spring.data.redis.port", this::port);
		registry.add("spring.data.redis.password", this::password);
	}

}
