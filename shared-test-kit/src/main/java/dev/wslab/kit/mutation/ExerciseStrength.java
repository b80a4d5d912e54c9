package dev.wslab.kit.mutation;

import java.util.List;

import dev.wslab.kit.catalog.Exercise;

/**
 * What one PIT run found for one exercise: how many mutants of its reference answer its
 * graders killed, and the ones that survived.
 *
 * @param exercise the exercise
 * @param mutants every mutant PIT made
 * @param killed the mutants some grader detected (killed, timed out, or crashed the run)
 * @param survivors the mutants no grader detected, including those no grader reached
 * @param seconds how long the PIT run took
 */
record ExerciseStrength(Exercise exercise, int mutants, int killed, List<Mutant> survivors, long seconds) {

	/**
	 * Returns the score, the killed share rounded down to a whole percent; 100 when PIT
	 * made no mutant.
	 * @return the score in percent
	 */
	int score() {
		return (this.mutants == 0) ? 100 : (this.killed * 100) / this.mutants;
	}

	/**
	 * One surviving mutant, as PIT describes it.
	 *
	 * @param className the mutated class, without its package
	 * @param method the mutated method
	 * @param line the source line
	 * @param description what PIT changed, such as {@code changed conditional boundary}
	 * @param status {@code SURVIVED} or {@code NO_COVERAGE}
	 */
	record Mutant(String className, String method, int line, String description, String status) {

		@Override
		public String toString() {
			String where = "`" + this.className + "." + this.method + "` line " + this.line;
			return where + ": " + this.description
					+ ("NO_COVERAGE".equals(this.status) ? " (no grader reaches it)" : "");
		}

	}

}
