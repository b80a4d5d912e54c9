package dev.wslab.kit.scoreboard;

import java.util.List;

import dev.wslab.kit.catalog.Exercise;

/**
 * How one exercise fared in a run: its grader tests' outcomes.
 *
 * @param exercise the exercise
 * @param outcomes the outcomes of its grader tests, empty if none ran
 */
public record ExerciseResult(Exercise exercise, List<TestOutcome> outcomes) {

	/** Whether an exercise passed, failed, or was not graded in this run. */
	public enum Status {

		/** Every grader test ran and passed. */
		PASSED,

		/** At least one grader test failed. */
		FAILED,

		/** No grader test ran. */
		NOT_RUN

	}

	/**
	 * Returns the exercise's status.
	 * @return the status
	 */
	public Status status() {
		if (this.outcomes.stream().anyMatch(TestOutcome::failed)) {
			return Status.FAILED;
		}
		return this.outcomes.stream().anyMatch(TestOutcome::passed) ? Status.PASSED : Status.NOT_RUN;
	}

	/**
	 * Returns the number of grader tests that passed.
	 * @return the count
	 */
	public long passedCount() {
		return this.outcomes.stream().filter(TestOutcome::passed).count();
	}

	/**
	 * Returns the first failing grader test, if any.
	 * @return the outcome or null
	 */
	public TestOutcome firstFailure() {
		return this.outcomes.stream().filter(TestOutcome::failed).findFirst().orElse(null);
	}

}
