package dev.wslab.kit.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus, started by the kit, scrapes a tiny application on this machine and
 * answers PromQL about it through its HTTP API.
 */
class PrometheusScrapeTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final AtomicInteger SCRAPES = new AtomicInteger();

	private static HttpServer app;

	private static PrometheusServer prometheus;

	@BeforeAll
	static void startAppAndPrometheus() throws IOException {
		app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		app.createContext("/metrics", (exchange) -> {
			byte[] body = """
					# HELP wslab_kit_demo_messages_total Messages the demo app handled.
					# TYPE wslab_kit_demo_messages_total counter
					wslab_kit_demo_messages_total{kind="room"} 42
					""".getBytes(StandardCharsets.UTF_8);
			SCRAPES.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		app.start();
		prometheus = Prometheus.start(new ScrapeTarget("demo", "127.0.0.1", app.getAddress().getPort(), "/metrics"));
	}

	@AfterAll
	static void stopBoth() {
		if (prometheus != null) {
			Prometheus.stop(prometheus);
		}
		app.stop(0);
	}

	@Test
	void findsTheScrapedMetricThroughTheQueryApiWithTheTargetsLabels() {
		String instance = "127.0.0.1:" + app.getAddress().getPort();

		List<Sample> samples = await("wslab_kit_demo_messages_total scraped from " + instance).atMost(WAIT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> prometheus.query("wslab_kit_demo_messages_total"), (found) -> !found.isEmpty());

		assertThat(samples).singleElement().satisfies((sample) -> {
			assertThat(sample.value()).isEqualTo(42.0);
			assertThat(sample.label("kind")).isEqualTo("room");
			assertThat(sample.label("job")).isEqualTo("demo");
			assertThat(sample.label("instance")).isEqualTo(instance);
		});
		assertThat(SCRAPES.get()).isPositive();
	}

	@Test
	void theTargetIsReportedUpOnceScraped() {
		await("up{job=\"demo\"} == 1").atMost(WAIT)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(prometheus.query("up{job=\"demo\"}")).singleElement()
				.extracting(Sample::value)
				.isEqualTo(1.0));
	}

	@Test
	void aMalformedQueryFailsWithPrometheussOwnMessage() {
		assertThatThrownBy(() -> prometheus.query("sum(")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Prometheus refused the query sum(")
			.hasMessageContaining("parse error");
	}

	@Test
	void theGeneratedConfigScrapesEverySecondWithTheTargetsInstanceLabel() {
		assertThat(prometheus.config()).contains("scrape_interval: 1000ms")
			.contains("metrics_path: '/metrics'")
			.contains("instance: '127.0.0.1:" + app.getAddress().getPort() + "'");
	}

}
