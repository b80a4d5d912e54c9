package dev.wslab.production.reconnect;

import java.util.Map;

import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failure drill 1 (issue 11), graded for exercise 3.10: bob's reconnecting client is on
 * an instance that is stopped while alice sends, one message at a time, 200 numbered
 * messages from another instance. His client reconnects to that other instance, renews
 * its subscription with {@code since}, and the drill counts, by the numbers in the texts,
 * what he was shown: sent, delivered, lost, duplicated, and the time from the stop to the
 * new connection ({@link Drill}).
 *
 * <p>
 * The stop is {@code ConfigurableApplicationContext.close()} on an instance in this JVM,
 * with exercise 3.11's drain switched off: Spring's and Tomcat's own graceful stop (the
 * WebSockets closed with 1001, nothing drained), not a {@code kill -9}. Both instances
 * are apart from the shared cluster, so other graders' instances stay up, and have the
 * rate limit of 3.5 raised out of the way of 200 quick SENDs.
 */
@Grades("3.10")
class KillOneInstanceDrillTests {

	@RegisterExtension
	static final DrillInstances instances = new DrillInstances("drill", Map.of("wslab.drain.enabled", false));

	private final Drill drill = new Drill("3.10", "kill-one-instance", """
			renew each subscription with since:<SeenIds.resumeFrom()>, and let
			SeenIds.firstTime drop what a replay brings twice""");

	@AfterEach
	void closeClients() {
		this.drill.close();
	}

	@Test
	void losesNoRoomMessageWhenItsInstanceStops() throws Exception {
		String room = ClusterClients.room("drill");
		Drill.Figures figures = this.drill.run("room", room, "/topic/room." + room, instances.startVictim(),
				instances.survivor(), Drill.room(room, room), ConfigurableApplicationContext::close);

		assertThat(figures.lost()).as(figures.transcript()).isZero();
		assertThat(figures.duplicated()).as(figures.transcript()).isZero();
	}

	@Test
	void losesNoPrivateMessageWhenItsInstanceStops() throws Exception {
		String run = ClusterClients.room("private");
		Drill.Figures figures = this.drill.run("private", run, "/user/queue/messages", instances.startVictim(),
				instances.survivor(), Drill.privateToBob(run), ConfigurableApplicationContext::close);

		assertThat(figures.lost()).as(figures.transcript()).isZero();
		assertThat(figures.duplicated()).as(figures.transcript()).isZero();
	}

}
