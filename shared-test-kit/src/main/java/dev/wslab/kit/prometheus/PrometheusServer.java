package dev.wslab.kit.prometheus;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A running Prometheus scraping the targets it was started with, whichever provider
 * started it. It listens on loopback only.
 */
public interface PrometheusServer {

	/** Prometheus's usual port, and the port inside a container. */
	int PROMETHEUS_PORT = 9090;

	/**
	 * Returns the base address of its web UI and HTTP API.
	 * @return for example {@code http://127.0.0.1:41234}
	 */
	String baseUrl();

	/**
	 * Returns the configuration it runs with, as written to its {@code prometheus.yml}.
	 * @return the YAML text
	 */
	String config();

	/**
	 * Says which provider supplied this server, for logs and the doctor.
	 * @return for example
	 * {@code local process prometheus on 127.0.0.1:41234, state in ...}
	 */
	String description();

	/**
	 * Runs an instant PromQL query through the HTTP API ({@code /api/v1/query}) and
	 * returns the samples of the resulting vector.
	 * @param promql the query, for example {@code wslab_sessions_active}
	 * @return the samples, possibly none
	 * @throws IllegalStateException if Prometheus answers with an error, or with a result
	 * that is not an instant vector
	 */
	default List<Sample> query(String promql) {
		return PrometheusApi.samples(queryData(promql), promql);
	}

	/**
	 * Runs an instant PromQL query and returns the {@code data} member of the answer as
	 * it came, for results that are not instant vectors.
	 * @param promql the query
	 * @return the {@code data} object, with {@code resultType} and {@code result}
	 * @throws IllegalStateException if Prometheus answers with an error
	 */
	default JsonNode queryData(String promql) {
		return PrometheusApi.query(baseUrl(), promql);
	}

}
