package dev.wslab.kit.workshop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.grading.GradedFailure;
import dev.wslab.kit.scoreboard.ExerciseResult;
import dev.wslab.kit.scoreboard.RunResults;
import dev.wslab.kit.scoreboard.TestOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressEventTests {

	private final Catalog catalog = Catalog.load(Path.of(System.getProperty("wslab.root", "..")));

	@Test
	void aReasonIsOneLineWithItsFilePathsMasked() {
		String reason = ProgressEvent.oneLine(
				"""

						  Expected 101 from /home/alice/wslab/phase1-protocol/src/Main.java and C:\\Users\\bob\\x.txt, got 1/2 text/plain (see ./target/out.txt)
						  at dev.wslab.Foo(Foo.java:12)
						""");

		assertThat(reason).isEqualTo("Expected 101 from <path> and <path> got 1/2 text/plain (see <path>");
	}

	@Test
	void aRunCarriesStatusesAndTheFirstFailureButNoPathsNorTranscripts() {
		Exercise accept = this.catalog.byId("1.1").orElseThrow();
		Exercise handshake = this.catalog.byId("1.2").orElseThrow();
		TestOutcome failed = new TestOutcome("dev.wslab.protocol.handshake.HandshakeValidatorGraderTests",
				"refusesAWrongVersionWith426()", "FAILED", "at /home/alice/wslab/Secret.java:3", "1.2", false,
				new TestOutcome.Lesson("Expected 426 for version 12, got 101\nsecond line",
						"boom in /srv/app/Main.java",
						List.of(new GradedFailure.ClientLog("raw client", List.of("GET /chat HTTP/1.1"))), "a hint"));
		RunResults results = new RunResults("phase1-protocol",
				List.of(new ExerciseResult(accept,
						List.of(new TestOutcome(accept.graders().get(0), "acceptKey()", "PASSED", null, null, false))),
						new ExerciseResult(handshake, List.of(failed))),
				List.of());

		ProgressEvent event = ProgressEvent.of(WorkshopSettings.parse("stomp://u:p@h/room1", "alice"), results,
				"exercises", Instant.parse("2025-05-01T09:30:00Z"));
		String json = new String(WorkshopPublisher.json(event), StandardCharsets.UTF_8);

		assertThat(event.exercises()).extracting(ProgressEvent.ExerciseStatus::status)
			.containsExactly("PASSED", "FAILED");
		assertThat(event.exercises().get(1).firstFailure())
			.isEqualTo(new ProgressEvent.FirstFailure("HandshakeValidatorGraderTests › refusesAWrongVersionWith426()",
					"Expected 426 for version 12, got 101"));
		assertThat(json).contains("\"at\":\"2025-05-01T09:30:00Z\"", "\"participant\":\"alice\"")
			.doesNotContain("/home", "/srv", "Secret", "second line", "GET /chat", "a hint");
		assertThat(json.length()).isLessThan(1024);
	}

	@Test
	void theLargestPhasesRunWithEveryExerciseFailingAtLengthFitsInMaxBytes() {
		List<Exercise> largest = this.catalog.exercises()
			.stream()
			.map(Exercise::phase)
			.distinct()
			.map(this.catalog::ofPhase)
			.max(Comparator.comparingInt(List::size))
			.orElseThrow();
		// Three bytes each in UTF-8, and longer than what is kept: the worst a reason
		// gets.
		String long3 = "€".repeat(2 * ProgressEvent.REASON_LENGTH);
		List<ExerciseResult> failing = largest.stream()
			.map((exercise) -> new ExerciseResult(exercise,
					List.of(new TestOutcome("x." + long3, long3 + "()", "FAILED", long3, exercise.id(), false))))
			.toList();
		RunResults results = new RunResults(largest.get(0).phase(), failing, List.of());

		byte[] json = WorkshopPublisher
			.json(ProgressEvent.of(WorkshopSettings.parse("stomp://u:p@h/" + "r".repeat(32), "n".repeat(32)), results,
					"exercises", Instant.parse("2025-05-01T09:30:00Z")));

		assertThat(largest).as("the largest phase").hasSizeGreaterThanOrEqualTo(18);
		assertThat(json.length).as("bytes of %d exercises' failures", largest.size())
			.isLessThan(ProgressEvent.MAX_BYTES);
	}

}
