package dev.wslab.production.drain;

import java.util.List;
import java.util.Map;

import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring and Tomcat do by themselves when an instance's context closes, without
 * exercise 3.11's drain ({@code wslab.drain.enabled=false}): the baseline the drain
 * improves on, stated in the README. Boot 4's graceful shutdown waits for active HTTP
 * requests, and an upgraded WebSocket is not one; then Tomcat stops. Not a grader: it is
 * about Spring, not the learner.
 */
class SpringStopTests {

	@Test
	void endsTheWebSocketsWithoutAnErrorFrameOrAnyDrain() throws Exception {
		ConfigurableApplicationContext instance = ChatCluster.shared()
			.startApart("spring-stop", Map.of("wslab.drain.enabled", false));
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		try (RawStomp ann = RawStomp.inRoom(port, "alice", ClusterClients.room("spring-stop"))) {
			long started = System.nanoTime();
			Thread.ofVirtual().start(instance::close);
			List<String> frames = ann.framesUntilClose(ClusterClients.WAIT);
			long millis = (System.nanoTime() - started) / 1_000_000;

			System.out.println("[3.11] Spring's own stop: the client saw " + frames + " after " + millis + " ms");
			// Measured here: Tomcat's connector closes the TCP connection before any
			// close
			// frame (no 1001), and no ERROR comes first. A 1001 would be the other honest
			// outcome; an ERROR or a client told where to go would not be Spring's own
			// stop.
			assertThat(frames).as(ann.transcript())
				.singleElement()
				.satisfies((end) -> assertThat(end).matches("CLOSE 1001|\\(connection ended.*TCP connection closed.*"));
		}
		finally {
			instance.close();
		}
	}

}
