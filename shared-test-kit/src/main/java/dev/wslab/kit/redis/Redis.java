package dev.wslab.kit.redis;

import java.time.Duration;

import dev.wslab.kit.infra.Docker;

/**
 * The kit's Redis: one shared per JVM, or private ones for drills that stop and restart
 * it.
 *
 * <p>
 * The provider follows {@code WSLAB_INFRA} like RabbitMQ and Nginx: Testcontainers when a
 * Docker engine answers (image from {@code WSLAB_REDIS_IMAGE}), otherwise a private
 * {@code redis-server} process. If neither can be had, the first use fails with the
 * command that installs Redis. Every instance requires a generated password, listens on
 * loopback only, and keeps an append-only file.
 */
public final class Redis {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static volatile RedisServer shared;

	private Redis() {
	}

	/**
	 * Returns the shared server, starting it if this is the first call in the JVM; it is
	 * stopped when the JVM exits.
	 * @return the running server
	 */
	public static RedisServer shared() {
		RedisServer server = shared;
		if (server == null) {
			synchronized (Redis.class) {
				server = shared;
				if (server == null) {
					RedisServer started = startPrivate();
					Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "wslab-redis-stop"));
					server = started;
					shared = server;
				}
			}
		}
		return server;
	}

	/**
	 * Starts a server that belongs to the caller alone, for tests that stop or restart
	 * it.
	 * @return a started server; stop it with {@link #stop(RedisServer)}
	 */
	public static RedisServer startPrivate() {
		if (Docker.available()) {
			return new ContainerRedis().start();
		}
		return new LocalRedis().start(START_TIMEOUT);
	}

	/**
	 * Stops a server started by the kit; nothing of it keeps running.
	 * @param server the server to stop
	 */
	public static void stop(RedisServer server) {
		if (server instanceof LocalRedis local) {
			local.stop();
		}
		else if (server instanceof ContainerRedis container) {
			container.stop();
		}
	}

	/**
	 * Stops the server gracefully and starts it again on the same port with the same data
	 * directory and password, then waits until it answers {@code PING}. What was written
	 * before the restart is still there, read back from the append-only file.
	 * @param server a server started by {@link #startPrivate()}
	 */
	public static void restart(RedisServer server) {
		stopKeepingData(server);
		startAgain(server);
	}

	/**
	 * Stops the server gracefully and keeps what {@link #startAgain(RedisServer)} needs:
	 * its port, password and data. For drills that watch what clients do while Redis is
	 * down. The stop is Redis's own shutdown (SIGTERM for a process, {@code docker stop}
	 * for a container): Redis writes and fsyncs its append-only file before it exits, so
	 * every write it acknowledged survives. Only a crash of the machine loses writes: up
	 * to about one second of them, with {@code appendfsync everysec}.
	 * @param server a server started by {@link #startPrivate()}
	 */
	public static void stopKeepingData(RedisServer server) {
		if (server instanceof LocalRedis local) {
			local.stop();
		}
		else if (server instanceof ContainerRedis container) {
			container.stopKeepingData();
		}
		else {
			throw new IllegalArgumentException("Not a server the kit started: " + server.description());
		}
	}

	/**
	 * Starts a server stopped by {@link #stopKeepingData(RedisServer)} again, on the same
	 * port with the same data and password, and waits until it answers {@code PING}.
	 * @param server a server started by {@link #startPrivate()}
	 */
	public static void startAgain(RedisServer server) {
		if (server instanceof LocalRedis local) {
			local.start(START_TIMEOUT);
		}
		else if (server instanceof ContainerRedis container) {
			container.startAgain();
		}
		else {
			throw new IllegalArgumentException("Not a server the kit started: " + server.description());
		}
	}

}
