package dev.wslab.production.metrics;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades the session meters of exercise 3.13 on a running instance of the cluster, as
 * Prometheus reads them: {@code GET /actuator/prometheus} while real STOMP sessions
 * connect and end. The gauge moves with the sessions (it matches the open WebSockets
 * Spring counts, at rest), the timer counts each one that ended, and neither has a label.
 * The registry-level checks are in {@code StompSessionMetersGraderTests}.
 */
@Grades("3.13")
class SessionMetersScrapeGraderTests {

	private static final String GAUGE = "wslab_chat_stomp_sessions";

	private static final String COUNT = "wslab_chat_connection_duration_seconds_count";

	private static final String SUM = "wslab_chat_connection_duration_seconds_sum";

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void showsTheOpenSessionsAndTheEndedOnesOnTheScrapeOfTheirInstance() {
		int port = cluster.port(1);
		String before = scrape(port);
		double openBefore = valueOr(before, GAUGE, 0);
		double endedBefore = valueOr(before, COUNT, 0);
		double secondsBefore = valueOr(before, SUM, 0);
		long held;
		// The cluster is shared: a session of an earlier test may still be ending, so the
		// figures are compared with the open WebSockets Spring counts, and by at least.
		try (StompTestSession alice = ClusterClients.connect(port, "alice");
				StompTestSession bob = ClusterClients.connect(port, "bob")) {
			long connected = System.nanoTime();

			await("3.13: %s on 127.0.0.1:%d/actuator/prometheus with alice and bob connected".formatted(GAUGE, port))
				.atMost(WAIT)
				.untilAsserted(() -> {
					String scraped = scrape(port);
					assertThat(value(scraped, GAUGE))
						.as("3.13: %s with alice and bob connected, %s before, in %s", GAUGE, openBefore,
								lines(scraped))
						.isGreaterThanOrEqualTo(2)
						.isEqualTo(webSockets(scraped));
				});
			held = System.nanoTime() - connected;
		}

		await("3.13: alice's and bob's sessions ended on the scrape").atMost(WAIT).untilAsserted(() -> {
			String scraped = scrape(port);
			assertThat(value(scraped, GAUGE)).as("3.13: %s once alice and bob are gone, in %s", GAUGE, lines(scraped))
				.isEqualTo(webSockets(scraped));
			assertThat(value(scraped, COUNT) - endedBefore)
				.as("3.13: sessions timed on %s since the test began, in %s", COUNT, lines(scraped))
				.isGreaterThanOrEqualTo(2);
		});
		assertThat(value(scrape(port), SUM) - secondsBefore)
			.as("3.13: seconds of the sessions that ended, alice's and bob's each held at least %d ms",
					held / 1_000_000)
			.isGreaterThanOrEqualTo(2 * held / 1e9);
	}

	@Test
	void declaresTheGaugeAndTheTimerWithoutLabels() {
		int port = cluster.port(0);
		try (StompTestSession alice = ClusterClients.connect(port, "alice")) {
			await("3.13: alice's session on the scrape").atMost(WAIT)
				.untilAsserted(() -> assertThat(value(scrape(port), GAUGE)).as("3.13: %s with alice connected", GAUGE)
					.isPositive());
		}

		String scraped = scrape(port);

		assertThat(scraped).as("3.13: the scrape's types and series of the session meters, in %s", lines(scraped))
			.contains("# TYPE " + GAUGE + " gauge\n")
			.containsPattern("(?m)^" + GAUGE + " \\S+$")
			.containsPattern("(?m)^" + COUNT + " \\S+$")
			.doesNotContainPattern("(?m)^wslab_chat_(stomp_sessions|connection_duration_seconds_count)\\{");
	}

	private static String scrape(int port) {
		HttpResponse<String> response = ClusterClients
			.get(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
		assertThat(response.statusCode()).as("GET /actuator/prometheus").isEqualTo(200);
		return response.body();
	}

	/** A series without labels: {@code name value}. */
	private static double value(String scraped, String name) {
		Matcher series = series(name).matcher(scraped);
		assertThat(series.find()).as("3.13: a series %s without labels, in %s", name, lines(scraped)).isTrue();
		return Double.parseDouble(series.group(1));
	}

	/** The WebSocket sessions Spring itself counts, from its stats. */
	private static double webSockets(String scraped) {
		Matcher series = Pattern.compile("(?m)^wslab_chat_websocket_sessions\\{transport=\"websocket\"\\} (\\S+)$")
			.matcher(scraped);
		assertThat(series.find()).as("wslab_chat_websocket_sessions{transport=\"websocket\"} on the scrape").isTrue();
		return Double.parseDouble(series.group(1));
	}

	private static double valueOr(String scraped, String name, double none) {
		Matcher series = series(name).matcher(scraped);
		return series.find() ? Double.parseDouble(series.group(1)) : none;
	}

	private static Pattern series(String name) {
		return Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$");
	}

	/** The scrape's lines about STOMP sessions, for a failure's message. */
	private static String lines(String scraped) {
		return scraped.lines()
			.filter((line) -> line.contains("stomp_sessions") || line.contains("connection_duration"))
			.toList()
			.toString();
	}

}
