package dev.wslab.kit.scoreboard;

import java.util.List;

import dev.wslab.kit.catalog.Exercise;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With every other exercise solved, an exercise's graders must fail on its own TODO. */
class OwnTodoCheckTests {

	private static final Exercise ROOMS = new Exercise("2.4", "phase2-spring", "Room messages", "rooms",
			List.of("phase2-spring/src/main/java/p/RoomController.java"), List.of("p.RoomGraderTests"), List.of(), null,
			false);

	@Test
	void acceptsGradersThatAllFailOnTheExercisesOwnTodo() {
		ExerciseResult result = new ExerciseResult(ROOMS,
				List.of(failed("sendsToTheRoom", "2.4"), failed("keepsHistory", "2.4")));

		assertThat(OwnTodoCheck.verdict(result)).isEqualTo("ok: 2/2 fail on TODO(2.4)");
	}

	@Test
	void refusesAGraderThatFailsOnAnotherExercisesTodo() {
		ExerciseResult result = new ExerciseResult(ROOMS,
				List.of(failed("sendsToTheRoom", "2.4"), failed("keepsHistory", "2.3")));

		assertThat(OwnTodoCheck.verdict(result)).isEqualTo("BAD: keepsHistory fails on TODO(2.3), not TODO(2.4)");
	}

	@Test
	void refusesAGraderThatPassesOnTheStarter() {
		ExerciseResult result = new ExerciseResult(ROOMS, List.of(failed("sendsToTheRoom", "2.4"),
				new TestOutcome("p.RoomGraderTests", "keepsHistory", "PASSED", null, null, false)));

		assertThat(OwnTodoCheck.verdict(result)).startsWith("BAD: 1 grader test(s) pass on the starter");
	}

	@Test
	void putsAFileThatIsNotJavaWhereTheBuildPutsItOnTheClassPath() {
		assertThat(OwnTodoCheck.onClassPath("phase3-production",
				"phase3-production/src/main/java/dev/wslab/production/proxy/cluster.conf"))
			.isEqualTo("dev/wslab/production/proxy/cluster.conf");
		assertThat(OwnTodoCheck.onClassPath("phase3-production",
				"phase3-production/src/main/resources/static/reconnect.js"))
			.isEqualTo("static/reconnect.js");
	}

	private static TestOutcome failed(String name, String todo) {
		return new TestOutcome("p.RoomGraderTests", name, "FAILED",
				"UnsupportedOperationException: TODO(" + todo + "): stub", todo, false);
	}

}
