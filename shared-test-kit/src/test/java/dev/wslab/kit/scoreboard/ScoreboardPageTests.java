package dev.wslab.kit.scoreboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Page;
import dev.wslab.kit.browser.WithChromium;
import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.grading.GradedFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoreboard page in a real Chromium at 1280 px: progress per phase, each exercise's
 * file, hints and reference, failures folded under their rows, and no horizontal scroll
 * even with every failure unfolded. It leaves a screenshot in
 * {@code target/scoreboard-page.png}.
 */
@WithChromium
class ScoreboardPageTests {

	private static final Exercise ACCEPT = exercise("1.1", "The accept key");

	private static final Exercise HEADER = exercise("1.3", "The frame header");

	private static final Exercise MASKING = exercise("1.4", "Masking");

	@TempDir
	Path dir;

	@Test
	void showsProgressFilesHintsAndTheNextFailureUnfoldedWithoutScrollingSideways(Page page) throws IOException {
		page.setViewportSize(1280, 900);
		page.navigate(write(page()).toUri().toString());

		assertThat(page.locator(".phase")).hasCount(3);
		assertThat(page.locator(".phase.current .count")).hasText("1 of 3 exercises");
		assertThat(page.locator("#ex-1\\.3 dd").first()).hasText("exercises/phase1-protocol/src/main/java/x/1.3.java");
		assertThat(page.locator("#ex-1\\.1 dd ol li")).hasText(new String[] { "First hint of 1.1." });
		assertThat(page.locator("#ex-1\\.3 .badge")).hasText("next");
		assertThat(page.locator("details[open]")).hasCount(1);
		assertThat(page.locator("details[open] pre.server")).containsText("TODO(1.3): read the FIN bit");
		assertThat(page.locator("details[open] pre.transcript")).containsText("← MESSAGE");
		assertThat(page.locator("details[open] .hint")).containsText("2 of 2");

		page.evaluate("document.querySelectorAll('details').forEach((d) => d.open = true)");

		assertThat(page.locator("details[open]")).hasCount(3);
		assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
			.as("page width with every failure unfolded, in a 1280 px window")
			.isLessThanOrEqualTo(1280);
		page.screenshot(
				new Page.ScreenshotOptions().setPath(Path.of("target", "scoreboard-page.png")).setFullPage(true));
	}

	private Path write(String html) throws IOException {
		Path file = this.dir.resolve("scoreboard.html");
		Files.writeString(file, html);
		return file;
	}

	private static String page() {
		List<String> transcript = new ArrayList<>();
		transcript.add("     0 ms → GET /echo HTTP/1.1");
		transcript.add("    12 ms ← HTTP/1.1 101 Switching Protocols");
		transcript.add("    14 ms → TEXT fin masked \"hello\"");
		transcript
			.add("    15 ms ← MESSAGE {destination=[/topic/room.lobby-5d1c2e9a], content-type=[application/json], "
					+ "subscription=[0], message-id=[1e07afdd-acbf-4963-9714-4202e0234553-5], content-length=[76]} body="
					+ "{\"from\":\"alice\",\"text\":\"" + "a long line without spaces ".repeat(4).replace(' ', '_')
					+ "\",\"timestamp\":\"2026-11-30T21:00:00Z\"}");
		transcript.add("  5015 ms · TCP connection closed by server");
		TestOutcome.Lesson lesson = new TestOutcome.Lesson(
				"[the FIN bit of 0x81] \nExpecting value to be true but was false",
				"java.lang.UnsupportedOperationException: TODO(1.3): read the FIN bit",
				List.of(new GradedFailure.ClientLog("a raw WebSocket client to 127.0.0.1:41234 (local port 50312)",
						transcript)),
				"2 of 2 (all read; './learn reveal 1.3' shows the answer): The FIN bit is the top bit of byte 0.");
		ExerciseResult accept = new ExerciseResult(ACCEPT, List.of(passed("1.1"), passed("1.1")));
		ExerciseResult header = new ExerciseResult(HEADER,
				List.of(new TestOutcome("x.HeaderGraderTests", "readsFin", "FAILED", lesson.expected(), "1.3", false,
						lesson),
						new TestOutcome("x.HeaderGraderTests", "readsOpcode", "FAILED",
								"UnsupportedOperationException: TODO(1.3): read the opcode", "1.3", false)));
		ExerciseResult masking = new ExerciseResult(MASKING, List.of());
		RunResults results = new RunResults("phase1-protocol", List.of(accept, header, masking),
				List.of(new TestOutcome("x.ConformanceTests", "autobahnCase", "FAILED",
						"AssertionFailedError: " + "x".repeat(400), null, false)));
		List<ScoreboardPage.Progress> phases = List.of(ScoreboardPage.Progress.of(results),
				new ScoreboardPage.Progress("phase2-spring", 4, 12, true),
				new ScoreboardPage.Progress("phase3-production", 0, 10, false));
		return ScoreboardPage.render(results, phases, "exercises", (exercise) -> exercise == ACCEPT ? 1 : 2);
	}

	private static TestOutcome passed(String id) {
		return new TestOutcome("x.Grader" + id, "works", "PASSED", null, null, false);
	}

	private static Exercise exercise(String id, String title) {
		return new Exercise(id, "phase1-protocol", title, "the concept of " + id,
				List.of("phase1-protocol/src/main/java/x/" + id + ".java"), List.of("x.Grader" + id),
				List.of("First hint of " + id + ".", "Second hint of " + id + "."),
				new Exercise.Reference("RFC 6455", "https://www.rfc-editor.org/rfc/rfc6455"), false);
	}

}
