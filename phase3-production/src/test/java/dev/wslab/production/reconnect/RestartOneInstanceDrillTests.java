package dev.wslab.production.reconnect;

import java.time.Duration;
import java.util.Map;

import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.drain.DrainingShutdown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "restart one instance under load" drill (issue 11), graded for exercise 3.11: as
 * {@link KillOneInstanceDrillTests}, but bob's instance stops with the drain on. Its
 * {@code DrainingShutdown} refuses new handshakes, asks bob's client to move
 * ({@code server-restart}, 1012), which reconnects at once to the other instance and
 * resumes with {@code since}. The drill counts what bob was shown ({@link Drill}) and how
 * long the whole stop ({@code close()}) took.
 */
@Grades("3.11")
class RestartOneInstanceDrillTests {

	/**
	 * Spring Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}, the chat's 30 s.
	 */
	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	static final DrillInstances instances = new DrillInstances("restart", Map.of());

	private final Drill drill = new Drill("3.11", "restart-one-instance", """
			the client was asked to move: in DrainingShutdown.stop, closeWith(SERVICE_RESTART) and an ERROR \
			message:server-restart for each session, then wait for the sessions and the executors""");

	@AfterEach
	void closeClients() {
		this.drill.close();
	}

	@Test
	void losesNoRoomMessageWhenItsInstanceRestarts() throws Exception {
		String room = ClusterClients.room("restart");
		Drill.Figures figures = this.drill.run("room", room, "/topic/room." + room, instances.startVictim(),
				instances.survivor(), Drill.room(room, room), RestartOneInstanceDrillTests::closeAfterCheckingItDrains);

		assertNothingLostAndQuick(figures);
	}

	@Test
	void losesNoPrivateMessageWhenItsInstanceRestarts() throws Exception {
		String run = ClusterClients.room("restart-private");
		Drill.Figures figures = this.drill.run("private", run, "/user/queue/messages", instances.startVictim(),
				instances.survivor(), Drill.privateToBob(run),
				RestartOneInstanceDrillTests::closeAfterCheckingItDrains);

		assertNothingLostAndQuick(figures);
	}

	private static void assertNothingLostAndQuick(Drill.Figures figures) {
		assertThat(figures.lost()).as(figures.transcript()).isZero();
		assertThat(figures.duplicated()).as(figures.transcript()).isZero();
		assertThat(figures.disconnections()).as(figures.transcript())
			.first()
			.asString()
			.startsWith(ReconnectingChatClient.ASKED_TO_MOVE);
		assertThat(figures.recoveredMillis()).as(figures.transcript()).isNotNegative();
		assertThat(Duration.ofMillis(figures.faultMillis())).as(figures.transcript())
			.isLessThan(PHASE_TIMEOUT.dividedBy(2));
	}

	/**
	 * Closes the instance as SIGTERM would. Spring logs a drain's exception and goes on,
	 * so if the instance did not drain, the drain is run once more here, where its
	 * exception (a TODO) shows.
	 */
	private static void closeAfterCheckingItDrains(ConfigurableApplicationContext victim) {
		DrainingShutdown drain = victim.getBean(DrainingShutdown.class);
		victim.close();
		if (!drain.isDraining()) {
			try {
				drain.stop(() -> {
				});
			}
			catch (RuntimeException ex) {
				throw new AssertionError(
						"3.11: the instance closed without draining; DrainingShutdown.stop failed: " + ex, ex);
			}
			throw new AssertionError(
					"3.11: the instance closed without draining: isDraining() was false after its stop (hint: set draining first)");
		}
	}

}
