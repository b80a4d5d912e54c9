package dev.wslab.kit.mutation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.mutation.ExerciseStrength.Mutant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** One PIT run per exercise: its classes, its graders, its score against its floor. */
class GraderStrengthTests {

	private static final Exercise UTF8 = new Exercise("1.10", "phase1-protocol", "UTF-8", "c",
			List.of("phase1-protocol/src/main/java/dev/wslab/protocol/message/Utf8Validator.java"),
			List.of("dev.wslab.protocol.message.Utf8ValidatorGraderTests"), List.of(), null, false);

	@TempDir
	Path dir;

	@Test
	void mutatesOnlyTheExerciseClassesAndRunsOnlyItsGraders() {
		assertThat(PitRun.classGlobs(UTF8)).containsExactly("dev.wslab.protocol.message.Utf8Validator",
				"dev.wslab.protocol.message.Utf8Validator$*");
		assertThat(PitRun.graderGlobs(UTF8)).containsExactly("dev.wslab.protocol.message.Utf8ValidatorGraderTests",
				"dev.wslab.protocol.message.Utf8ValidatorGraderTests$*");
	}

	@Test
	void mutatesNothingOfAnExerciseWithoutJavaAndSaysItWasNotMeasured() {
		Exercise nginx = new Exercise("3.4", "phase3-production", "Nginx in front", "c",
				List.of("phase3-production/src/main/java/dev/wslab/production/proxy/cluster.conf"),
				List.of("dev.wslab.production.proxy.ProxyGraderTests"), List.of(), null, false);

		assertThat(PitRun.classGlobs(nginx)).isEmpty();
		assertThat(new StrengthReport("phase3-production", List.of(), new Floors(Map.of()), java.time.Duration.ZERO,
				new PitRun.Settings(this.dir, this.dir, this.dir, 1, 30000, 1, 30), "1.30.2")
			.notMeasured(List.of(nginx))
			.render()).contains("Not measured: 3.4 Nginx in front, no Java file for PIT to mutate");
	}

	@Test
	void saysAnExercisePitMadeNoMutantOfWasNotMeasured() {
		Exercise relay = new Exercise("3.1", "phase3-production", "The broker relay", "c",
				List.of("phase3-production/src/main/java/dev/wslab/production/relay/RelayConfig.java"),
				List.of("dev.wslab.production.relay.RelayGraderTests"), List.of(), null, false);

		String report = new StrengthReport("phase3-production", List.of(), new Floors(Map.of()),
				java.time.Duration.ZERO, new PitRun.Settings(this.dir, this.dir, this.dir, 1, 30000, 1, 30), "1.30.2")
			.withoutMutants(List.of(relay))
			.render();

		assertThat(report).contains("Not measured: 3.1 The broker relay, PIT's default mutators make no mutant of it");
		assertThat(report).doesNotContain("| 3.1 |");
	}

	@Test
	void countsDetectedMutantsAsKilledAndListsTheRest() throws Exception {
		Path xml = this.dir.resolve("mutations.xml");
		Files.writeString(xml, """
				<?xml version="1.0" encoding="UTF-8"?>
				<mutations partial="true">
				<mutation detected='true' status='KILLED'><mutatedClass>p.Utf8Validator</mutatedClass>\
				<mutatedMethod>feed</mutatedMethod><lineNumber>32</lineNumber>\
				<description>changed conditional boundary</description></mutation>
				<mutation detected='true' status='TIMED_OUT'><mutatedClass>p.Utf8Validator</mutatedClass>\
				<mutatedMethod>feed</mutatedMethod><lineNumber>33</lineNumber>\
				<description>negated conditional</description></mutation>
				<mutation detected='false' status='SURVIVED'><mutatedClass>p.Utf8Validator</mutatedClass>\
				<mutatedMethod>lead</mutatedMethod><lineNumber>70</lineNumber>\
				<description>replaced boolean return with true for p/Utf8Validator::lead</description></mutation>
				</mutations>
				""");

		ExerciseStrength strength = PitRun.read(UTF8, xml, 3);

		assertThat(strength.mutants()).isEqualTo(3);
		assertThat(strength.killed()).isEqualTo(2);
		assertThat(strength.score()).isEqualTo(66);
		assertThat(strength.survivors()).map(Object::toString)
			.containsExactly("`Utf8Validator.lead` line 70: replaced boolean return with true");
	}

	@Test
	void leavesEquivalentMutantsListedInTheReportOutOfTheScore() throws Exception {
		Path doc = this.dir.resolve("grader-strength.md");
		Files.writeString(doc, """
				## Equivalent mutants

				- 1.10 `Utf8Validator.lead` line 70: negated conditional — no input tells them apart
				""");
		Mutant equivalent = new Mutant("Utf8Validator", "lead", 70, "negated conditional", "SURVIVED");
		Mutant weakness = new Mutant("Utf8Validator", "feed", 38, "changed conditional boundary", "SURVIVED");
		ExerciseStrength strength = new ExerciseStrength(UTF8, 5, 3, List.of(equivalent, weakness), List.of(), 1);

		ExerciseStrength scored = strength.withEquivalents(Equivalents.read(doc).of("1.10"));

		assertThat(scored.equivalents()).containsExactly(equivalent);
		assertThat(scored.survivors()).containsExactly(weakness);
		assertThat(scored.score()).isEqualTo(75);
	}

	@Test
	void failsAnExerciseBelowItsFloorOrWithoutOne() {
		ExerciseStrength strength = new ExerciseStrength(UTF8, 10, 8, List.of(), List.of(), 1);

		assertThat(new Floors(Map.of("1.10", 80)).check(List.of(strength))).isEmpty();
		assertThat(new Floors(Map.of("1.10", 90)).check(List.of(strength))).singleElement()
			.asString()
			.startsWith("1.10 UTF-8: 80% < floor 90%");
		assertThat(new Floors(Map.of()).check(List.of(strength))).singleElement().asString().contains("no floor");
	}

	@Test
	void recordsFloorsInExerciseOrder() {
		ExerciseStrength strength = new ExerciseStrength(UTF8, 4, 4, List.of(), List.of(), 1);

		Floors floors = new Floors(Map.of("1.2", 87, "2.1", 90)).with(List.of(strength));

		assertThat(floors.byId()).containsExactly(Map.entry("1.2", 87), Map.entry("1.10", 100), Map.entry("2.1", 90));
	}

	@Test
	void replacesOnlyItsPhaseSectionOfTheReport() throws Exception {
		Path doc = this.dir.resolve("grader-strength.md");
		Files.writeString(doc, """
				# Grader strength
				<!-- mutation:phase1-protocol:begin -->
				old
				<!-- mutation:phase1-protocol:end -->
				<!-- mutation:phase2-spring:begin -->
				kept
				<!-- mutation:phase2-spring:end -->
				""");
		PitRun.Settings settings = new PitRun.Settings(this.dir, this.dir, this.dir, 2, 4000, 0, 1);
		ExerciseStrength strength = new ExerciseStrength(UTF8, 4, 4, List.of(), List.of(), 1);

		new StrengthReport("phase1-protocol", List.of(strength), new Floors(Map.of("1.10", 100)),
				java.time.Duration.ofSeconds(61), settings, "1.30.2")
			.replaceSectionIn(doc);

		assertThat(Files.readString(doc)).doesNotContain("old")
			.contains("kept")
			.contains("| 1.10 | UTF-8 | 4 | 4 | 0 | 0 | 100% | 100% | 1 s |")
			.contains("4 of 4 mutants killed (100%); 0 survivors are equivalent (listed above); in 1 min 1 s.");
	}

}
