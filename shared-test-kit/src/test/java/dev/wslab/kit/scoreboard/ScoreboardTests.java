package dev.wslab.kit.scoreboard;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.grading.GradedFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The board a learner reads at the end of a build, and the starter check CI runs. */
class ScoreboardTests {

	private static final Exercise ACCEPT = new Exercise("1.1", "phase1-protocol", "The accept key", "handshake proof",
			List.of("phase1-protocol/src/main/java/x/AcceptKey.java"), List.of("x.AcceptKeyGraderTests"),
			List.of("Append the GUID.", "SHA-1 it.", "Base64 it."),
			new Exercise.Reference("RFC 6455 §4.2.2", "https://example.org/rfc6455"), false);

	private static final Exercise FRAME = new Exercise("1.3", "phase1-protocol", "The frame header", "frame bits",
			List.of("phase1-protocol/src/main/java/x/FrameDecoder.java"), List.of("x.FrameHeaderGraderTests"),
			List.of("Read two bytes first."),
			new Exercise.Reference("RFC 6455 §5.2", "https://example.org/rfc6455#5.2"), false);

	private static final Catalog CATALOG = new Catalog(List.of(ACCEPT, FRAME));

	@TempDir
	Path dir;

	@Test
	void printsEachExerciseAndTheNextOneWithItsFirstHintAndFailure() throws Exception {
		write(new TestOutcome("x.AcceptKeyGraderTests", "rfcExample", "PASSED", null, null, false),
				new TestOutcome("x.FrameHeaderGraderTests$Nested", "readsFin", "FAILED",
						"UnsupportedOperationException: TODO(1.3): read the FIN bit", "1.3", false));

		String board = run("exercises");

		assertThat(board).contains("""
				 ✔ 1.1   The accept key                                   1/1 tests
				 ✘ 1.3   The frame header                                 0/1 tests
				""");
		assertThat(board).contains("""
				 1 of 2 exercises passed.
				 Next: 1.3 The frame header — frame bits
				   edit   exercises/phase1-protocol/src/main/java/x/FrameDecoder.java
				   hint   Read two bytes first.
				   first failure  FrameHeaderGraderTests$Nested › readsFin
				     UnsupportedOperationException: TODO(1.3): read the FIN bit
				""");
		assertThat(this.dir.resolve("scoreboard.html")).content().contains("<span class=\"title\">The frame header");
		assertThat(JsonMapper.builder()
			.build()
			.readTree(this.dir.resolve("scoreboard.json").toFile())
			.get("next")
			.asString()).isEqualTo("1.3");
	}

	@Test
	void showsAGradedFailuresExpectationServerExceptionTheTranscriptsLastLinesAndTheNextHint() throws Exception {
		List<String> transcript = new java.util.ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			transcript.add(String.format("%6d ms → frame %d", i, i));
		}
		TestOutcome.Lesson lesson = new TestOutcome.Lesson("[the FIN bit] expected true but was false",
				"java.lang.UnsupportedOperationException: TODO(1.3): read the FIN bit",
				List.of(new GradedFailure.ClientLog("a raw WebSocket client to 127.0.0.1:8081", transcript)),
				"2 of 3 ('./learn hint 1.3' marks it read): Mask 0x80.");
		write(new TestOutcome("x.AcceptKeyGraderTests", "rfcExample", "PASSED", null, null, false), new TestOutcome(
				"x.FrameHeaderGraderTests", "readsFin", "FAILED", lesson.expected(), "1.3", false, lesson));

		String board = run("exercises");

		assertThat(board).contains("""
				   hint   2 of 3 ('./learn hint 1.3' marks it read): Mask 0x80.
				   first failure  FrameHeaderGraderTests › readsFin
				     [the FIN bit] expected true but was false
				     inside the server: java.lang.UnsupportedOperationException: TODO(1.3): read the FIN bit
				     transcript of a raw WebSocket client to 127.0.0.1:8081, last 8 of 20 lines:
				           13 ms → frame 13
				""")
			.contains("           20 ms → frame 20\n   more   ./learn hint 1.3   ·")
			.doesNotContain("frame 12\n");
	}

	@Test
	void anExerciseWhoseGradersRanNoTestFailsOnlyInStrictMode() throws Exception {
		write(new TestOutcome("x.AcceptKeyGraderTests", "rfcExample", "PASSED", null, null, false));

		assertThat(Scoreboard.run(CATALOG, "phase1-protocol", this.dir, "solutions", false, quiet())).isZero();
		assertThat(Scoreboard.run(CATALOG, "phase1-protocol", this.dir, "solutions", true, quiet())).isEqualTo(1);
	}

	@Test
	void aFailingStretchExerciseAloneDoesNotFailTheRunAndComesNextOnlyAtTheEnd() throws Exception {
		Exercise stretch = new Exercise("1.13", "phase1-protocol", "Compression", "deflate",
				List.of("phase1-protocol/src/main/java/x/Deflate.java"), List.of("x.DeflateGraderTests"),
				List.of("Inflate.", "Bound it."), new Exercise.Reference("RFC 7692", "https://example.org/rfc7692"),
				true);
		Catalog catalog = new Catalog(List.of(ACCEPT, stretch));
		write(new TestOutcome("x.AcceptKeyGraderTests", "rfcExample", "PASSED", null, null, false),
				new TestOutcome("x.DeflateGraderTests", "inflates", "FAILED", "TODO(1.13): inflate", "1.13", false));
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int code = Scoreboard.run(catalog, "phase1-protocol", this.dir, "exercises", false,
				new PrintStream(out, true, StandardCharsets.UTF_8));

		assertThat(code).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("1.13  Compression (stretch)")
			.contains("1 of 1 exercises passed, not counting stretch exercises.")
			.contains("Next: 1.13 Compression");
	}

	@Test
	void aRunWithNoResultsFailsAndSaysWhy() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int code = Scoreboard.run(CATALOG, "phase1-protocol", this.dir, "exercises", false,
				new PrintStream(out, true, StandardCharsets.UTF_8));

		assertThat(code).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("no test results were recorded");
	}

	@Test
	void starterCheckAcceptsOnlyGradersThatAllFailOnATodo() {
		ExerciseResult red = new ExerciseResult(ACCEPT,
				List.of(new TestOutcome("x.AcceptKeyGraderTests", "a", "FAILED", "TODO(1.1): x", "1.1", false)));
		ExerciseResult weak = new ExerciseResult(ACCEPT,
				List.of(new TestOutcome("x.AcceptKeyGraderTests", "a", "FAILED", "TODO(1.1): x", "1.1", false),
						new TestOutcome("x.AcceptKeyGraderTests", "b", "PASSED", null, null, false)));
		ExerciseResult wrongReason = new ExerciseResult(ACCEPT, List
			.of(new TestOutcome("x.AcceptKeyGraderTests", "a", "FAILED", "NullPointerException: x", null, false)));
		ExerciseResult infra = new ExerciseResult(ACCEPT, List.of(new TestOutcome("x.AcceptKeyGraderTests", "a",
				"FAILED", "InfrastructureUnavailableException: install nginx", null, true)));

		assertThat(StarterCheck.verdict(red)).isEqualTo("ok: 1/1 fail on TODO(1.1)");
		assertThat(StarterCheck.verdict(weak)).startsWith("BAD: 1 grader test(s) pass on the starter");
		assertThat(StarterCheck.verdict(wrongReason)).startsWith("BAD: a failed without reaching a TODO stub");
		assertThat(StarterCheck.verdict(infra)).startsWith("BAD: failed for missing infrastructure");
		assertThat(StarterCheck.verdict(new ExerciseResult(ACCEPT, List.of()))).isEqualTo("BAD: no grader test ran");
	}

	@Test
	void findsTheTodoOfAStubAnywhereInTheCauseChain() {
		Throwable wrapped = new AssertionError("server failed",
				new IllegalStateException("handler", new UnsupportedOperationException("TODO(1.12): serve")));

		assertThat(ScoreboardListener.todoOf(wrapped)).isEqualTo("1.12");
		assertThat(ScoreboardListener.todoOf(new AssertionError("expected 101"))).isNull();
	}

	private void write(TestOutcome... outcomes) throws Exception {
		Files.createDirectories(this.dir);
		JsonMapper.builder().build().writeValue(this.dir.resolve("outcomes-test.json").toFile(), List.of(outcomes));
	}

	private String run(String track) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Scoreboard.run(CATALOG, "phase1-protocol", this.dir, track, false,
				new PrintStream(out, true, StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	private static PrintStream quiet() {
		return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
	}

}
