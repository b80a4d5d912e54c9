package dev.wslab.kit.mutation;

import java.util.ArrayList;
import java.util.List;

import dev.wslab.kit.catalog.Exercise;

/**
 * What one PIT run found for one exercise: how many mutants of its reference answer its
 * graders killed, and the ones that survived.
 *
 * @param exercise the exercise
 * @param mutants every mutant PIT made
 * @param killed the mutants some grader detected (killed, timed out, or crashed the run)
 * @param survivors the mutants no grader detected, including those no grader reached,
 * except the equivalent ones
 * @param equivalents the survivors listed as equivalent in the report: no observable
 * behaviour tells them from the reference answer
 * @param seconds how long the PIT run took
 */
record ExerciseStrength(Exercise exercise, int mutants, int killed, List<Mutant> survivors, List<Mutant> equivalents,
		long seconds) {

	/**
	 * Returns the score: the killed share of the mutants that are not equivalent, rounded
	 * down to a whole percent; 100 when there is none.
	 * @return the score in percent
	 */
	int score() {
		int counted = this.mutants - this.equivalents.size();
		return (counted == 0) ? 100 : (this.killed * 100) / counted;
	}

	/**
	 * Moves the survivors listed as equivalent out of the survivors.
	 * @param listed the {@link Mutant#where()} of each mutant listed as equivalent for
	 * this exercise, once per mutant
	 * @return the result with those survivors counted as equivalent
	 */
	ExerciseStrength withEquivalents(List<String> listed) {
		List<String> unmatched = new ArrayList<>(listed);
		List<Mutant> survivors = new ArrayList<>();
		List<Mutant> equivalents = new ArrayList<>(this.equivalents);
		for (Mutant mutant : this.survivors) {
			if (unmatched.remove(mutant.where())) {
				equivalents.add(mutant);
			}
			else {
				survivors.add(mutant);
			}
		}
		return new ExerciseStrength(this.exercise, this.mutants, this.killed, survivors, equivalents, this.seconds);
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

		/**
		 * Returns where the mutant is and what it changed, as the report lists it.
		 * @return for example {@code `Utf8Validator.lead` line 70: negated conditional}
		 */
		String where() {
			return "`" + this.className + "." + this.method + "` line " + this.line + ": " + this.description;
		}

		@Override
		public String toString() {
			return where() + ("NO_COVERAGE".equals(this.status) ? " (no grader reaches it)" : "");
		}

	}

}
