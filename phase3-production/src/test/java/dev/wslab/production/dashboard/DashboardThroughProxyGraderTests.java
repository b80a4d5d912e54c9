package dev.wslab.production.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.wslab.kit.client.sse.SseEvent;
import dev.wslab.kit.client.sse.SseTestClient;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.nginx.NginxExtension;
import dev.wslab.kit.nginx.NginxProxy;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterProxy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 3.15 where an operator meets it: the feed's events reach a browser
 * through 3.4's Nginx as each one happens, not when a proxy buffer fills. (It graded 3.4
 * while the feed was not an exercise; a grader of 3.4 must not wait on 3.15.)
 */
@Grades("3.15")
class DashboardThroughProxyGraderTests {

	@RegisterExtension
	static final NginxExtension nginx = new NginxExtension();

	/** The longest wait for one dashboard event: the instances send one a second. */
	private static final Duration STREAM_EVENT = Duration.ofSeconds(5);

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void passesTheDashboardsEventStreamOnAsEachEventHappens() throws IOException {
		NginxProxy proxy = nginx.start(ClusterProxy.config(cluster.ports()));
		long opened = System.currentTimeMillis();

		// Resumed from now: only snapshots taken after this moment, one a second.
		try (SseTestClient stream = SseTestClient.connect(proxy.httpUri("/api/dashboard/stream"),
				String.valueOf(opened))) {
			assertThat(stream.status()).as("the status of GET /api/dashboard/stream through the proxy").isEqualTo(200);
			long first = nextSnapshotId(stream);
			long second = nextSnapshotId(stream);

			assertThat(List.of(first, second))
				.as("ids (epoch ms) of two dashboard snapshots taken after the stream opened at %d; each must come "
						+ "through within %d s, as the instances send one a second", opened, STREAM_EVENT.toSeconds())
				.allSatisfy((id) -> assertThat(id).isGreaterThan(opened));
			assertThat(second).isGreaterThan(first);
		}
	}

	private static long nextSnapshotId(SseTestClient stream) {
		while (true) {
			SseEvent event = stream.nextEvent(STREAM_EVENT);
			if ("snapshot".equals(event.event())) {
				return Long.parseLong(event.id());
			}
		}
	}

}
