package dev.wslab.kit.nginx;

import dev.wslab.kit.infra.Docker;

/**
 * Starts Nginx in front of applications under test: in a container when a Docker engine
 * answers, otherwise as a local process. Missing both fails with the command that
 * installs Nginx.
 */
public final class Nginx {

	private Nginx() {
	}

	/**
	 * Starts Nginx with the given configuration and waits until it accepts connections.
	 * @param config the rendered-on-start configuration template
	 * @return the running proxy; {@link NginxProxy#stop()} it when done
	 */
	public static NginxProxy start(NginxConfig config) {
		if (Docker.available()) {
			return new ContainerNginx().start(config);
		}
		return new LocalNginx().start(config);
	}

	/**
	 * Starts Nginx on a fixed loopback port, for a person rather than a test: the port
	 * must be free, or the start fails and says so.
	 * @param port the port on 127.0.0.1
	 * @param config the configuration template
	 * @return the running proxy; {@link NginxProxy#stop()} it when done
	 */
	public static NginxProxy startOn(int port, NginxConfig config) {
		if (Docker.available()) {
			return new ContainerNginx(port).start(config);
		}
		return new LocalNginx(port).start(config);
	}

}
