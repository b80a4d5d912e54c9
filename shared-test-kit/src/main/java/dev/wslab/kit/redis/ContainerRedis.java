package dev.wslab.kit.redis;

import java.time.Duration;
import java.util.Map;

import dev.wslab.kit.infra.Containers;
import dev.wslab.kit.infra.FreePorts;
import dev.wslab.kit.infra.ProvenByUse;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a container, configured like {@link LocalRedis}: a generated password,
 * append-only persistence in {@code /data}, and its port published on 127.0.0.1. The host
 * port is fixed when the container is created, so a restart (the same container stopped
 * and started again) keeps both the port and the data.
 */
final class ContainerRedis implements RedisServer {

	static final String IMAGE_VARIABLE = "WSLAB_REDIS_IMAGE";

	static final DockerImageName IMAGE = Containers.image(IMAGE_VARIABLE, "redis:7.4.2-alpine");

	private static final String CONF = "/usr/local/etc/redis/wslab.conf";

	private final String password = Passwords.generate();

	private final int port = FreePorts.next();

	private final GenericContainer<?> container;

	ContainerRedis() {
		this.container = Containers.onLoopback(new GenericContainer<>(IMAGE), Map.of(REDIS_PORT, this.port))
			.withCopyToContainer(Transferable.of("""
					bind * -::*
					port 6379
					requirepass %s
					dir /data
					appendonly yes
					appendfsync everysec
					save ""
					loglevel warning
					""".formatted(this.password)), CONF)
			.withCommand("redis-server", CONF)
			.waitingFor(new ProvenByUse("Redis answering AUTH and PING",
					(target) -> RedisPing.pongs(target.getHost(), this.port, this.password))
				.withStartupTimeout(Duration.ofSeconds(60)));
	}

	ContainerRedis start() {
		Containers.start(this.container, IMAGE, IMAGE_VARIABLE, LocalRedis.INSTALL);
		return this;
	}

	void stop() {
		this.container.stop();
	}

	/**
	 * Stops the container, not removes it: {@code docker stop} sends SIGTERM, so Redis
	 * fsyncs its append-only file in {@code /data} before it exits, and the container
	 * keeps its filesystem and its port binding for {@link #startAgain()}.
	 */
	void stopKeepingData() {
		var docker = DockerClientFactory.instance().client();
		docker.stopContainerCmd(this.container.getContainerId()).withTimeout(10).exec();
	}

	/** Starts the container stopped by {@link #stopKeepingData()} again. */
	void startAgain() {
		var docker = DockerClientFactory.instance().client();
		docker.startContainerCmd(this.container.getContainerId()).exec();
		ProvenByUse.await("Redis answering AUTH and PING after a restart", Duration.ofSeconds(60),
				() -> RedisPing.pongs(host(), this.port, this.password));
	}

	boolean running() {
		return this.container.getContainerId() != null && this.container.isRunning();
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String password() {
		return this.password;
	}

	@Override
	public String description() {
		return "Testcontainers " + IMAGE.asCanonicalNameString() + " on 127.0.0.1:" + this.port;
	}

}
