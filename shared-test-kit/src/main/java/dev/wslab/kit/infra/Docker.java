package dev.wslab.kit.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.testcontainers.DockerClientFactory;

/** Decides whether the Testcontainers providers may be used on this machine. */
public final class Docker {

	/** Forces a provider: {@code local}, {@code docker} or {@code auto} (the default). */
	public static final String PROVIDER_VARIABLE = "WSLAB_INFRA";

	private static volatile Boolean available;

	private Docker() {
	}

	/**
	 * Returns the provider the user asked for with {@value #PROVIDER_VARIABLE}.
	 * @return {@code local}, {@code docker} or {@code auto}
	 */
	public static String requestedProvider() {
		return System.getenv().getOrDefault(PROVIDER_VARIABLE, "auto").toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns whether a Docker engine answers. A cheap look for a socket comes first, so
	 * machines without Docker do not pay for Testcontainers' full discovery.
	 * @return true if Testcontainers can start containers here
	 */
	public static boolean available() {
		if (available == null) {
			available = "local".equals(requestedProvider()) ? false : probe();
		}
		if (!available && "docker".equals(requestedProvider())) {
			throw new InfrastructureUnavailableException(PROVIDER_VARIABLE + "=docker, but no Docker engine answered. "
					+ "Start Docker (or point DOCKER_HOST at one), or set " + PROVIDER_VARIABLE
					+ "=local to use local rabbitmq-server, nginx, redis-server and prometheus.");
		}
		return available;
	}

	private static boolean probe() {
		boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
		if (!hint && !"docker".equals(requestedProvider())) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
