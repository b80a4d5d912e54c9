package dev.wslab.kit.nginx;

import java.io.IOException;

import org.testcontainers.Testcontainers;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.nginx.NginxContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Nginx in a container; it reaches the applications on the host through Testcontainers'
 * host gateway.
 */
final class ContainerNginx implements NginxProxy {

	static final DockerImageName IMAGE = DockerImageName.parse("nginx:1.28.0-alpine");

	private static final String CONF = "/etc/nginx/conf.d/default.conf";

	private static final String HOST_GATEWAY = "host.testcontainers.internal";

	private final NginxContainer container = new NginxContainer(IMAGE);

	ContainerNginx start(NginxConfig config) {
		config.allPorts().forEach(Testcontainers::exposeHostPorts);
		this.container.withCopyToContainer(Transferable.of(config.render("80", HOST_GATEWAY)), CONF)
			.withExposedPorts(80)
			.waitingFor(Wait.forListeningPort());
		this.container.start();
		return this;
	}

	@Override
	public void reload(NginxConfig config) {
		config.allPorts().forEach(Testcontainers::exposeHostPorts);
		this.container.copyFileToContainer(Transferable.of(config.render("80", HOST_GATEWAY)), CONF);
		try {
			ExecResult test = this.container.execInContainer("nginx", "-t", "-q");
			if (test.getExitCode() != 0) {
				throw new IllegalStateException("nginx rejected the configuration:\n" + test.getStderr());
			}
			this.container.execInContainer("nginx", "-s", "reload");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String logs() {
		return this.container.getLogs();
	}

	@Override
	public void stop() {
		this.container.stop();
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.container.getMappedPort(80);
	}

	@Override
	public String description() {
		return "Testcontainers " + IMAGE.asCanonicalNameString();
	}

}
