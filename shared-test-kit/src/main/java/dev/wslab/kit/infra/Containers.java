package dev.wslab.kit.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.ContainerFetchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What every container the kit starts has in common: an image that a variable can
 * replace, ports published on 127.0.0.1 only, a label that finds it again, and a failure
 * that names both ways out when the image cannot be had.
 */
public final class Containers {

	/** The label on every container the kit starts; its value is the owning JVM. */
	public static final String LABEL = "dev.wslab.kit.owner";

	private Containers() {
	}

	/**
	 * Returns the image named by an environment variable, or the pinned default. A
	 * replacement is declared compatible with the default, so Testcontainers' modules
	 * accept an image built here from Debian packages.
	 * @param variable for example {@code WSLAB_REDIS_IMAGE}
	 * @param pinnedDefault the upstream image, with a pinned tag
	 * @return the image to start
	 */
	public static DockerImageName image(String variable, String pinnedDefault) {
		return image(System.getenv(), variable, pinnedDefault);
	}

	static DockerImageName image(Map<String, String> env, String variable, String pinnedDefault) {
		String chosen = env.get(variable);
		DockerImageName pinned = DockerImageName.parse(pinnedDefault);
		if (chosen == null || chosen.isBlank()) {
			return pinned;
		}
		return DockerImageName.parse(chosen.trim()).asCompatibleSubstituteFor(pinned.getUnversionedPart());
	}

	/**
	 * Labels the container with its owner and publishes the given container ports on
	 * 127.0.0.1 of the Docker host only; a host port of 0 lets Docker choose one.
	 * @param container the container, not yet started
	 * @param ports container port to host port, 0 for any free one
	 * @return the same container
	 */
	public static <C extends GenericContainer<?>> C onLoopback(C container, Map<Integer, Integer> ports) {
		container.withLabel(LABEL, LocalProcesses.owner());
		ports.keySet().forEach(container::addExposedPort);
		container.withCreateContainerCmdModifier((cmd) -> {
			List<PortBinding> bindings = new ArrayList<>();
			ports.forEach(
					(inside, outside) -> bindings.add(new PortBinding((outside == 0) ? Ports.Binding.bindIp("127.0.0.1")
							: Ports.Binding.bindIpAndPort("127.0.0.1", outside), ExposedPort.tcp(inside))));
			cmd.getHostConfig().withPortBindings(bindings);
		});
		return container;
	}

	/**
	 * Starts the container, turning a failed image pull into a message that names the
	 * variable that replaces the image and the local-process way out.
	 * @param container the container to start
	 * @param image the image it runs
	 * @param variable the variable that names another image
	 * @param installCommand the command that installs the local program instead
	 */
	public static void start(GenericContainer<?> container, DockerImageName image, String variable,
			String installCommand) {
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof ContainerFetchException) {
					throw new InfrastructureUnavailableException("Docker could not get the image "
							+ image.asCanonicalNameString() + " (" + cause.getMessage() + "). Either make an image "
							+ "available to this engine and name it with " + variable + "=<image> (the script "
							+ ".ci/docker/build-images builds one from Debian packages), or run without Docker: "
							+ Docker.PROVIDER_VARIABLE + "=local after\n    " + installCommand, ex);
				}
			}
			throw ex;
		}
	}

}
