package dev.wslab.kit.workshop;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import dev.wslab.kit.scoreboard.ExerciseResult;
import dev.wslab.kit.scoreboard.RunResults;
import dev.wslab.kit.scoreboard.TestOutcome;

/**
 * What leaves a participant's machine after a phase's scoreboard step: who, which phase,
 * each exercise's status, the first failing grader with a one-line reason, and when. No
 * source code and no file paths: a reason is cut to its first line, and anything in it
 * that looks like a path is replaced by {@code <path>}.
 *
 * @param v the format's version
 * @param kind {@code joined} when the participant joins, {@code run} after a scoreboard
 * step
 * @param workshop the workshop id
 * @param participant the participant's name
 * @param phase the phase module, or null for {@code joined}
 * @param track {@code exercises} or {@code solutions}, or null for {@code joined}
 * @param at when the scoreboard step ran
 * @param exercises each exercise's status, in teaching order
 */
public record ProgressEvent(int v, String kind, String workshop, String participant, String phase, String track,
		Instant at, List<ExerciseStatus> exercises) {

	/** The format's version, for a board to refuse what it does not know. */
	public static final int VERSION = 1;

	/** The longest reason sent, in characters. */
	public static final int REASON_LENGTH = 160;

	/**
	 * The most a run's event can take in UTF-8, with room to spare: the workspace's
	 * largest phase with every exercise failing on the longest grader name and reason
	 * (each {@value #REASON_LENGTH} characters) takes under 20 KiB even in three-byte
	 * characters. A board must accept at least this much ({@code ProgressEventTests}
	 * checks the first part, the board's own tests the second).
	 */
	public static final int MAX_BYTES = 32 * 1024;

	// A token that names a file: absolute, home- or dot-relative, a drive, a file: URL,
	// or with two separators or more (src/main/Foo.java). "1/2" and "text/plain" stay.
	private static final Pattern PATH = Pattern
		.compile("^(?:file:|~|\\.{1,2}[/\\\\]|[A-Za-z]:[/\\\\]|/|\\\\).*|.*[/\\\\].*[/\\\\].*");

	/**
	 * One exercise's status in a run.
	 *
	 * @param id the exercise id, such as {@code 1.1}
	 * @param status {@code PASSED}, {@code FAILED} or {@code NOT_RUN}
	 * @param passed how many of its grader tests passed
	 * @param tests how many ran
	 * @param firstFailure its first failing grader, or null
	 */
	public record ExerciseStatus(String id, String status, long passed, long tests, FirstFailure firstFailure) {

	}

	/**
	 * The first failing grader test of an exercise and why, in one line.
	 *
	 * @param grader the grader class's simple name and the test's display name
	 * @param reason the first line of what the grader expected, paths replaced
	 */
	public record FirstFailure(String grader, String reason) {

	}

	/**
	 * Builds the event of a phase's run.
	 * @param settings who publishes
	 * @param results the run's outcomes
	 * @param track the track that was graded
	 * @param at when
	 * @return the event
	 */
	public static ProgressEvent of(WorkshopSettings settings, RunResults results, String track, Instant at) {
		List<ExerciseStatus> exercises = results.exercises()
			.stream()
			.map((result) -> new ExerciseStatus(result.exercise().id(), result.status().name(), result.passedCount(),
					result.outcomes().size(), firstFailure(result)))
			.toList();
		return new ProgressEvent(VERSION, "run", settings.workshop(), settings.participant(), results.phase(), track,
				at, exercises);
	}

	/**
	 * Builds the event sent when a participant joins, so the board lists them before
	 * their first run.
	 * @param settings who joins
	 * @param at when
	 * @return the event
	 */
	public static ProgressEvent joined(WorkshopSettings settings, Instant at) {
		return new ProgressEvent(VERSION, "joined", settings.workshop(), settings.participant(), null, null, at,
				List.of());
	}

	private static FirstFailure firstFailure(ExerciseResult result) {
		TestOutcome failure = result.firstFailure();
		if (failure == null) {
			return null;
		}
		String className = failure.testClass();
		String grader = className.substring(className.lastIndexOf('.') + 1) + " › " + failure.name();
		String reason = (failure.lesson() != null) ? failure.lesson().expected() : failure.failure();
		return new FirstFailure(oneLine(grader), oneLine(reason));
	}

	/**
	 * Cuts a text to its first non-blank line, replaces what looks like a file path, and
	 * clips it to {@value #REASON_LENGTH} characters.
	 * @param text the text, or null
	 * @return the line, empty for null
	 */
	static String oneLine(String text) {
		if (text == null) {
			return "";
		}
		String line = text.lines()
			.map(String::strip)
			.filter((candidate) -> !candidate.isEmpty())
			.findFirst()
			.orElse("");
		line = Pattern.compile("\\s+")
			.splitAsStream(line)
			.map((token) -> PATH.matcher(token.replaceAll("^[\"'(\\[<]+|[\"')\\]>,.:;]+$", "")).matches() ? "<path>"
					: token)
			.collect(java.util.stream.Collectors.joining(" "));
		return (line.length() <= REASON_LENGTH) ? line : line.substring(0, REASON_LENGTH - 1) + "…";
	}

}
