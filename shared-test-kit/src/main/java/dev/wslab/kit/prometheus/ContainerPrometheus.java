package dev.wslab.kit.prometheus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.wslab.kit.infra.Containers;
import dev.wslab.kit.infra.ProvenByUse;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Prometheus in a container. It reaches the targets on the host through Testcontainers'
 * host gateway; their {@code instance} label is still the address the tests use, so
 * queries read the same on both providers.
 */
final class ContainerPrometheus implements PrometheusServer {

	static final String IMAGE_VARIABLE = "WSLAB_PROMETHEUS_IMAGE";

	static final DockerImageName IMAGE = Containers.image(IMAGE_VARIABLE, "prom/prometheus:v2.53.4");

	private static final String HOST_GATEWAY = "host.testcontainers.internal";

	private static final String CONF = "/etc/prometheus/prometheus.yml";

	private final GenericContainer<?> container = Containers.onLoopback(new GenericContainer<>(IMAGE),
			Map.of(PROMETHEUS_PORT, 0));

	private String config;

	private String baseUrl;

	ContainerPrometheus start(Duration interval, List<ScrapeTarget> targets, Duration timeout) {
		targets.forEach((target) -> Testcontainers.exposeHostPorts(target.port()));
		this.config = PrometheusConfig.render(interval, targets, (target) -> HOST_GATEWAY + ":" + target.port());
		this.container.withCopyToContainer(Transferable.of(this.config), CONF)
			.withCommand("--config.file=" + CONF, "--storage.tsdb.path=/prometheus", "--log.level=warn")
			.waitingFor(new ProvenByUse("Prometheus answering /-/ready",
					(target) -> PrometheusApi
						.ready("http://" + target.getHost() + ":" + target.getMappedPort(PROMETHEUS_PORT)))
				.withStartupTimeout(timeout));
		Containers.start(this.container, IMAGE, IMAGE_VARIABLE, LocalPrometheus.INSTALL);
		this.baseUrl = "http://" + this.container.getHost() + ":" + this.container.getMappedPort(PROMETHEUS_PORT);
		return this;
	}

	void stop() {
		this.container.stop();
	}

	@Override
	public String baseUrl() {
		return this.baseUrl;
	}

	@Override
	public String config() {
		return this.config;
	}

	@Override
	public String description() {
		return "Testcontainers " + IMAGE.asCanonicalNameString() + " at " + baseUrl();
	}

}
