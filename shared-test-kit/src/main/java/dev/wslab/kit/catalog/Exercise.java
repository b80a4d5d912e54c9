package dev.wslab.kit.catalog;

import java.util.List;

/**
 * One exercise of the catalog: what it teaches, which files the learner edits, which
 * graders check it, and the hints that lead there.
 *
 * @param id the exercise id such as {@code 1.1}; stubs throw {@code TODO(1.1): ...}
 * @param phase the phase module, such as {@code phase1-protocol}
 * @param title a short title
 * @param concept the one concept the exercise teaches
 * @param files the files to edit, relative to a track root ({@code exercises/} or
 * {@code solutions/})
 * @param graders the fully qualified grader classes
 * @param hints two or three hints, each more specific than the last
 * @param reference where the rule comes from
 * @param stretch true for a stretch exercise: graded and shown, but its failure alone
 * does not fail the build, and it is suggested only after every other exercise of its
 * phase passes
 */
public record Exercise(String id, String phase, String title, String concept, List<String> files, List<String> graders,
		List<String> hints, Reference reference, boolean stretch) {

	/**
	 * A specification section or reference chapter.
	 *
	 * @param title for example {@code RFC 6455 §4.2.2}
	 * @param url the address
	 */
	public record Reference(String title, String url) {
	}

	/**
	 * Returns whether a test class is one of this exercise's graders; nested classes
	 * count as their top-level class.
	 * @param className a fully qualified class name, possibly with {@code $Nested}
	 * @return true if it grades this exercise
	 */
	public boolean isGradedBy(String className) {
		int dollar = className.indexOf('$');
		return this.graders.contains(dollar < 0 ? className : className.substring(0, dollar));
	}

}
