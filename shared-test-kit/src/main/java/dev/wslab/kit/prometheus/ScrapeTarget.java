package dev.wslab.kit.prometheus;

/**
 * An endpoint Prometheus scrapes: an application on this machine exposing metrics in
 * Prometheus's text format.
 *
 * @param job the {@code job} label its series get
 * @param host the host as the tests reach it, usually {@code 127.0.0.1}
 * @param port its port
 * @param metricsPath the path of the metrics, for example {@code /actuator/prometheus}
 */
public record ScrapeTarget(String job, String host, int port, String metricsPath) {

	/**
	 * Returns the {@code instance} label its series get, {@code host:port}, the same
	 * whichever provider scrapes it.
	 * @return the instance label
	 */
	public String instance() {
		return this.host + ":" + this.port;
	}

}
