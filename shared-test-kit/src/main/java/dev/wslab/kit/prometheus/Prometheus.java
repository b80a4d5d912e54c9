package dev.wslab.kit.prometheus;

import java.time.Duration;
import java.util.List;

import dev.wslab.kit.infra.Docker;

/**
 * Starts a private Prometheus that scrapes given targets: in a container when a Docker
 * engine answers (image from {@code WSLAB_PROMETHEUS_IMAGE}), otherwise as a local
 * {@code prometheus} process. Missing both fails with the command that installs
 * Prometheus. {@code WSLAB_INFRA} forces a provider, as for RabbitMQ and Nginx.
 */
public final class Prometheus {

	/**
	 * The scrape interval tests use unless they say otherwise: short, so they wait
	 * little.
	 */
	public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private Prometheus() {
	}

	/**
	 * Starts Prometheus scraping the targets every second and waits until it is ready.
	 * @param targets what to scrape
	 * @return the running server; stop it with {@link #stop(PrometheusServer)}
	 */
	public static PrometheusServer start(ScrapeTarget... targets) {
		return start(DEFAULT_INTERVAL, List.of(targets));
	}

	/**
	 * Starts Prometheus scraping the targets at the given interval and waits until it
	 * answers {@code /-/ready}.
	 * @param interval the scrape interval
	 * @param targets what to scrape
	 * @return the running server; stop it with {@link #stop(PrometheusServer)}
	 */
	public static PrometheusServer start(Duration interval, List<ScrapeTarget> targets) {
		if (Docker.available()) {
			return new ContainerPrometheus().start(interval, targets, START_TIMEOUT);
		}
		return new LocalPrometheus().start(interval, targets, START_TIMEOUT);
	}

	/**
	 * Stops a server started here; nothing of it keeps running.
	 * @param server the server to stop
	 */
	public static void stop(PrometheusServer server) {
		if (server instanceof LocalPrometheus local) {
			local.stop();
		}
		else if (server instanceof ContainerPrometheus container) {
			container.stop();
		}
	}

}
