package dev.wslab.kit.scoreboard;

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
 */
public record TestOutcome(String testClass, String name, String status, String failure, String todo,
		boolean infrastructure) {

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

}
