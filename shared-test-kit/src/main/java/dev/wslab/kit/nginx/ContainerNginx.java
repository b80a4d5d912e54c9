package dev.wslab.kit.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.wslab.kit.infra.Containers;
import dev.wslab.kit.infra.ProvenByUse;

import org.testcontainers.Testcontainers;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.nginx.NginxContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Nginx in a container; it reaches the applications on the host through Testcontainers'
 * host gateway, and publishes its port on 127.0.0.1.
 *
 * <p>
 * The image is {@code WSLAB_NGINX_IMAGE}, by default the pinned upstream one. Readiness
 * is an HTTP answer from Nginx itself ({@code Server: nginx}), not an open port, which
 * Docker's proxy opens before Nginx runs.
 */
final class ContainerNginx implements NginxProxy {

	static final String IMAGE_VARIABLE = "WSLAB_NGINX_IMAGE";

	static final DockerImageName IMAGE = Containers.image(IMAGE_VARIABLE, "nginx:1.28.0-alpine");

	private static final String CONF = "/etc/nginx/conf.d/default.conf";

	private static final String HOST_GATEWAY = "host.testcontainers.internal";

	private final NginxContainer container;

	ContainerNginx() {
		this(0);
	}

	/**
	 * Publishes Nginx on a chosen loopback port of the host.
	 * @param hostPort the port, or 0 for a free one
	 */
	ContainerNginx(int hostPort) {
		this.container = Containers.onLoopback(new NginxContainer(IMAGE), Map.of(80, hostPort));
	}

	ContainerNginx start(NginxConfig config) {
		config.allPorts().forEach(Testcontainers::exposeHostPorts);
		this.container.withCopyToContainer(Transferable.of(config.render("80", HOST_GATEWAY)), CONF)
			.waitingFor(new ProvenByUse("Nginx answering HTTP",
					(target) -> answersAsNginx(target.getHost(), target.getMappedPort(80)))
				.withStartupTimeout(Duration.ofSeconds(60)));
		Containers.start(this.container, IMAGE, IMAGE_VARIABLE, LocalNginx.INSTALL);
		return this;
	}

	@Override
	public void reload(NginxConfig config) {
		config.allPorts().forEach(Testcontainers::exposeHostPorts);
		Map<String, String> oldWorkers = workers();
		this.container.copyFileToContainer(Transferable.of(config.render("80", HOST_GATEWAY)), CONF);
		ExecResult test = exec("nginx", "-t", "-q");
		if (test.getExitCode() != 0) {
			throw new IllegalStateException("nginx rejected the configuration:\n" + test.getStderr());
		}
		exec("nginx", "-s", "reload");
		// As for the local provider: the reload is only done when new workers run and the
		// old ones say they are shutting down, so that every new connection meets the new
		// configuration. "nginx -s reload" returns as soon as the signal is sent.
		ProvenByUse.await("nginx workers in the container switched to the new configuration", Duration.ofSeconds(10),
				() -> {
					Map<String, String> now = workers();
					return now.keySet().stream().anyMatch((pid) -> !oldWorkers.containsKey(pid)) && now.entrySet()
						.stream()
						.filter((worker) -> oldWorkers.containsKey(worker.getKey()))
						.allMatch((worker) -> worker.getValue().contains("shutting down"));
				});
	}

	/** The worker processes in the container, pid to title, read from /proc. */
	private Map<String, String> workers() {
		String listing = exec("sh", "-c", "for d in /proc/[0-9]*; do c=$(tr '\\0' ' ' < $d/cmdline 2>/dev/null); "
				+ "case \"$c\" in 'nginx: worker process'*) echo \"${d#/proc/} $c\";; esac; done")
			.getStdout();
		Map<String, String> workers = new java.util.HashMap<>();
		listing.lines()
			.filter((line) -> line.contains(" "))
			.forEach(
					(line) -> workers.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1)));
		return workers;
	}

	private ExecResult exec(String... command) {
		try {
			return this.container.execInContainer(command);
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

	private static boolean answersAsNginx(String host, int port) throws IOException {
		try (Socket socket = new Socket(host, port)) {
			socket.setSoTimeout(2000);
			socket.getOutputStream()
				.write("HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String head = new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1);
			return head.startsWith("HTTP/1.1 ")
					&& head.toLowerCase(java.util.Locale.ROOT).contains("\r\nserver: nginx");
		}
	}

}
