package dev.wslab.production.metrics;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.wslab.kit.prometheus.Prometheus;
import dev.wslab.kit.prometheus.PrometheusServer;
import dev.wslab.kit.prometheus.ScrapeTarget;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The committed Grafana dashboard ({@code docs/observability/grafana-dashboard.json})
 * cannot rot: every query in it names only series a running instance exports, Prometheus
 * accepts every query, and each one answers with data.
 */
class DashboardTests {

	private static final Path DASHBOARD = Path.of(System.getProperty("wslab.root", ".."), "docs", "observability",
			"grafana-dashboard.json");

	static ChatCluster cluster;

	static PrometheusServer prometheus;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@AfterAll
	static void stopPrometheus() {
		if (prometheus != null) {
			Prometheus.stop(prometheus);
		}
	}

	@Test
	void namesOnlyMetricsTheInstancesExport() throws IOException {
		List<String> queries = queries();
		Set<String> exported = exported();

		assertThat(queries).as("the dashboard's queries").hasSizeGreaterThanOrEqualTo(9);
		assertThat(exported).as("series names at /actuator/prometheus").contains("wslab_chat_messages_in_total");
		for (String query : queries) {
			assertThat(PromQlNames.of(query)).as("metric names in the dashboard query %s", query)
				.isNotEmpty()
				.allSatisfy((name) -> assertThat(exported).as("""
						%s, named by the dashboard query
						  %s
						among the series an instance exports (%d names; a counter ends in _total, a timer's
						histogram in _seconds_bucket)""", name, query, exported.size()).contains(name));
		}
	}

	@Test
	void answersEveryQueryFromARealPrometheus() throws IOException {
		List<String> queries = queries();
		prometheus = Prometheus.start(Prometheus.DEFAULT_INTERVAL,
				cluster.ports()
					.stream()
					.map((port) -> new ScrapeTarget("wslab-chat", "127.0.0.1", port, "/actuator/prometheus"))
					.toList());

		// Grafana replaces its variables before Prometheus sees a query.
		await("an answer with data to each of the %d dashboard queries".formatted(queries.size()))
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(queries).allSatisfy((query) -> assertThat(
					prometheus.queryData(query.replace("$__rate_interval", "1m")).path("result").size())
				.as("series in Prometheus's answer to %s", query)
				.isPositive()));
	}

	private static List<String> queries() throws IOException {
		JsonNode dashboard = ClusterClients.json(Files.readString(DASHBOARD));
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(panel.path("targets").isEmpty()).as("panel '%s' without a query", panel.path("title").asString())
				.isFalse();
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asString());
			}
		}
		return queries;
	}

	/** The names of the series in one instance's scrape, suffixes included. */
	private static Set<String> exported() {
		String scrape = ClusterClients.get(URI.create("http://127.0.0.1:" + cluster.port(0) + "/actuator/prometheus"))
			.body();
		Set<String> names = new TreeSet<>();
		scrape.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.forEach(names::add);
		return names;
	}

}
