package dev.wslab.kit.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stopped Prometheus leaves nothing running, on whichever provider the kit chose. */
class PrometheusLifecycleTests {

	@Test
	void aStopLeavesNoPrometheusRunning() {
		PrometheusServer prometheus = Prometheus.start(Duration.ofSeconds(1), List.of());
		List<ProcessHandle> processes = (prometheus instanceof LocalPrometheus local) ? local.processes() : List.of();
		assertThat(answers(prometheus)).as("ready before the stop").isTrue();

		Prometheus.stop(prometheus);

		await().atMost(Duration.ofSeconds(10)).until(() -> !answers(prometheus));
		if (prometheus instanceof LocalPrometheus local) {
			assertThat(processes).as("the prometheus process").isNotEmpty().noneMatch(ProcessHandle::isAlive);
			assertThat(local.processes()).isEmpty();
		}
	}

	private static boolean answers(PrometheusServer prometheus) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(prometheus.baseUrl() + "/-/ready"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
