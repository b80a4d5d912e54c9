package dev.wslab.production.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.prometheus.Prometheus;
import dev.wslab.kit.prometheus.PrometheusServer;
import dev.wslab.kit.prometheus.Sample;
import dev.wslab.kit.prometheus.ScrapeTarget;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (the kit's, scraping every second) scrapes both instances'
 * {@code /actuator/prometheus}, and its own HTTP API answers with each instance's chat
 * meters, told apart by their {@code instance} label. Not an exercise; the cluster needs
 * the relay (3.1) to start.
 */
class ScrapeTests {

	/** How long Prometheus may take to show a count: a few scrapes at one a second. */
	private static final Duration SCRAPED = Duration.ofSeconds(30);

	static ChatCluster cluster;

	static PrometheusServer prometheus;

	@BeforeAll
	static void startPrometheus() {
		cluster = ChatCluster.shared();
		prometheus = Prometheus.start(Prometheus.DEFAULT_INTERVAL,
				cluster.ports()
					.stream()
					.map((port) -> new ScrapeTarget("wslab-chat", "127.0.0.1", port, "/actuator/prometheus"))
					.toList());
	}

	@AfterAll
	static void stopPrometheus() {
		if (prometheus != null) {
			Prometheus.stop(prometheus);
		}
	}

	@Test
	void showsEachInstancesRoomCountsUnderItsOwnInstanceLabel() {
		String room = ClusterClients.room("scrape");
		InstanceMeters a = InstanceMeters.of(cluster, 0);
		InstanceMeters b = InstanceMeters.of(cluster, 1);
		String onA = "127.0.0.1:" + cluster.port(0);
		String onB = "127.0.0.1:" + cluster.port(1);
		Map<String, Double> inBefore = Map.of(onA, a.counter(ChatMeters.MESSAGES_IN, "kind", "room"), onB,
				b.counter(ChatMeters.MESSAGES_IN, "kind", "room"));
		Map<String, Double> outBefore = Map.of(onA, a.counter(ChatMeters.MESSAGES_OUT, "kind", "room"), onB,
				b.counter(ChatMeters.MESSAGES_OUT, "kind", "room"));
		int sent = 5;
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue aliceSees = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			FrameQueue bobSees = bob.subscribeWithReceipt("/topic/room." + room, WAIT);

			for (int i = 1; i <= sent; i++) {
				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"scraped " + i + "\"}");
			}
			for (int i = 1; i <= sent; i++) {
				aliceSees.next(WAIT);
				bobSees.next(WAIT);
			}
		}

		Map<String, Double> expectedIn = Map.of(onA, inBefore.get(onA) + sent, onB, inBefore.get(onB));
		Map<String, Double> expectedOut = Map.of(onA, outBefore.get(onA) + sent, onB, outBefore.get(onB) + sent);
		await("Prometheus showing %d room SENDs in on A and %d MESSAGEs out on each instance".formatted(sent, sent))
			.atMost(SCRAPED)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> {
				assertThat(byInstance("wslab_chat_messages_in_total{job=\"wslab-chat\",kind=\"room\"}"))
					.as("wslab_chat_messages_in_total{kind=\"room\"} by instance, from %s", prometheus.description())
					.isEqualTo(expectedIn);
				assertThat(byInstance("wslab_chat_messages_out_total{job=\"wslab-chat\",kind=\"room\"}"))
					.as("wslab_chat_messages_out_total{kind=\"room\"} by instance")
					.isEqualTo(expectedOut);
			});
		assertThat(byInstance("wslab_chat_relay_available")).as("the relay, as Prometheus saw it")
			.isEqualTo(Map.of(onA, 1.0, onB, 1.0));
		Map<String, Double> p50 = byInstance(quantile(0.5));
		Map<String, Double> p99 = byInstance(quantile(0.99));
		System.out.printf("[metrics] scraped by %s; delivery latency since start, p50 %s s, p99 %s s%n",
				prometheus.description(), p50, p99);
		assertThat(p99).as("p99 delivery latency by instance, from the histogram's buckets")
			.containsOnlyKeys(onA, onB)
			.allSatisfy((instance, seconds) -> assertThat(seconds).isPositive().isLessThan(10));
	}

	private static String quantile(double q) {
		return "histogram_quantile(%s, sum by (instance, le) (wslab_chat_delivery_latency_seconds_bucket))"
			.formatted(q);
	}

	private static Map<String, Double> byInstance(String promql) {
		List<Sample> samples = prometheus.query(promql);
		return samples.stream().collect(Collectors.toMap((sample) -> sample.label("instance"), Sample::value));
	}

}
