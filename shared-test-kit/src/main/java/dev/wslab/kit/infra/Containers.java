package dev.wslab.kit.infra;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerFetchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What every container the kit starts has in common: an image that a variable can
 * replace, ports published on 127.0.0.1 only, labels that find it again, and a failure
 * that names both ways out when the image cannot be had.
 *
 * <p>
 * The labels let the kit clean up after itself where Testcontainers' reaper, Ryuk, is
 * switched off ({@code TESTCONTAINERS_RYUK_DISABLED=true}, as in CI, where its image
 * cannot be pulled): before its first container, each JVM removes the kit's containers
 * whose owning test JVM on this machine is gone, as {@link LocalProcesses} does for
 * processes.
 */
public final class Containers {

	/**
	 * The label on every container the kit starts; its value is the owning JVM, as
	 * {@link LocalProcesses#owner()}.
	 */
	public static final String LABEL = "dev.wslab.kit.owner";

	/**
	 * The label naming the machine of the owning JVM, so no machine removes another's.
	 */
	public static final String HOST_LABEL = "dev.wslab.kit.host";

	private static final AtomicBoolean CLEANED = new AtomicBoolean();

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
	 * Labels the container with its owner and publishes its ports on 127.0.0.1 of the
	 * Docker host only. Every exposed port is published there, including those a
	 * Testcontainers module exposes itself; a host port of 0, the default, lets Docker
	 * choose one.
	 * @param container the container, not yet started
	 * @param ports container ports to expose, each with its host port or 0
	 * @return the same container
	 */
	public static <C extends GenericContainer<?>> C onLoopback(C container, Map<Integer, Integer> ports) {
		container.withLabel(LABEL, LocalProcesses.owner()).withLabel(HOST_LABEL, hostName());
		ports.keySet().forEach(container::addExposedPort);
		container.withCreateContainerCmdModifier((cmd) -> {
			List<PortBinding> bindings = new ArrayList<>();
			for (ExposedPort exposed : cmd.getExposedPorts()) {
				int outside = ports.getOrDefault(exposed.getPort(), 0);
				bindings.add(new PortBinding((outside == 0) ? Ports.Binding.bindIp("127.0.0.1")
						: Ports.Binding.bindIpAndPort("127.0.0.1", outside), exposed));
			}
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
		cleanupLeftovers();
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof ContainerFetchException) {
					throw pullFailure(image, variable, installCommand, ex);
				}
			}
			throw ex;
		}
	}

	static InfrastructureUnavailableException pullFailure(DockerImageName image, String variable, String installCommand,
			Throwable cause) {
		return new InfrastructureUnavailableException("Docker could not get the image " + image.asCanonicalNameString()
				+ ". Two ways out:\n    1. make an image available to this engine and name it with " + variable
				+ "=<image> (.ci/docker/build-images builds one from Debian packages);\n    2. run without Docker: "
				+ Docker.PROVIDER_VARIABLE + "=local, after\n       " + installCommand, cause);
	}

	/**
	 * Removes the kit's containers left by test JVMs of this machine that no longer run.
	 * Runs once per JVM, before its first container starts.
	 * @return how many containers were removed
	 */
	public static int cleanupLeftovers() {
		if (!CLEANED.compareAndSet(false, true)) {
			return 0;
		}
		return forceCleanupLeftovers();
	}

	/**
	 * Removes the kit's leftover containers now, whether or not that already ran in this
	 * JVM.
	 * @return how many containers were removed
	 */
	public static int forceCleanupLeftovers() {
		List<String> leftovers = leftovers();
		DockerClient docker = DockerClientFactory.instance().client();
		leftovers.forEach((id) -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
		return leftovers.size();
	}

	/**
	 * Returns the ids of the kit's containers whose test JVM, on this machine, is gone.
	 * @return container ids, possibly none
	 */
	public static List<String> leftovers() {
		List<Container> labelled = DockerClientFactory.instance()
			.client()
			.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of(HOST_LABEL, hostName()))
			.exec();
		return labelled.stream()
			.filter((container) -> !LocalProcesses.ownerAlive(container.getLabels().getOrDefault(LABEL, "")))
			.map(Container::getId)
			.toList();
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
