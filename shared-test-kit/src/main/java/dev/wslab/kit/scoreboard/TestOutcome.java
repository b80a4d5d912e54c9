package dev.wslab.kit.scoreboard;

import java.util.List;

import dev.wslab.kit.grading.GradedFailure;

/**
 * The result of one test, as the listener recorded it.
 *
 * @param testClass the test class, with {@code $Nested} for nested classes
 * @param name the test's display name
 * @param status {@code PASSED}, {@code FAILED} or {@code SKIPPED}
 * @param failure the first lines of the failure message, or null
 * @param todo the exercise id of the first {@code TODO(id)} stub in the failure's cause
 * chain or message, or null
 * @param infrastructure true if the failure came from missing infrastructure
 * @param lesson what a graded failure teaches, or null for other failures
 */
public record TestOutcome(String testClass, String name, String status, String failure, String todo,
		boolean infrastructure, Lesson lesson) {

	/**
	 * Creates an outcome without a lesson.
	 * @param testClass the test class
	 * @param name the test's display name
	 * @param status {@code PASSED}, {@code FAILED} or {@code SKIPPED}
	 * @param failure the first lines of the failure message, or null
	 * @param todo the exercise id of the first {@code TODO(id)}, or null
	 * @param infrastructure true if the failure came from missing infrastructure
	 */
	public TestOutcome(String testClass, String name, String status, String failure, String todo,
			boolean infrastructure) {
		this(testClass, name, status, failure, todo, infrastructure, null);
	}

	/**
	 * Returns whether the test passed.
	 * @return true if passed
	 */
	public boolean passed() {
		return "PASSED".equals(this.status);
	}

	/**
	 * Returns whether the test failed or errored.
	 * @return true if failed
	 */
	public boolean failed() {
		return "FAILED".equals(this.status);
	}

	/**
	 * What a failure of a {@code @Grades} class teaches, kept apart so the board and the
	 * page can lay it out.
	 *
	 * @param expected what the grader expected
	 * @param server the exception the server logged, or null
	 * @param clients the transcripts of the kit clients the test opened (each cut to its
	 * last {@value #KEPT_LINES} lines)
	 * @param hint the next unread hint, or null
	 */
	public record Lesson(String expected, String server, List<GradedFailure.ClientLog> clients, String hint) {

		/** Transcript lines kept per client. */
		public static final int KEPT_LINES = 200;

		static Lesson of(GradedFailure failure) {
			return new Lesson(failure.expected(), failure.server(), failure.clients().stream().map((client) -> {
				List<String> lines = client.lines();
				return new GradedFailure.ClientLog(client.name(),
						lines.subList(Math.max(0, lines.size() - KEPT_LINES), lines.size()));
			}).toList(), failure.hint());
		}

	}

}
