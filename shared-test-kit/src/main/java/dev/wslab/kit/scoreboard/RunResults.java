package dev.wslab.kit.scoreboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outcomes of one phase module's test run, grouped by exercise.
 *
 * @param phase the phase module
 * @param exercises each exercise of the phase with its grader outcomes, in teaching order
 * @param others the outcomes of tests that grade no exercise
 */
public record RunResults(String phase, List<ExerciseResult> exercises, List<TestOutcome> others) {

	/**
	 * Reads the outcomes the listener wrote for one module.
	 * @param catalog the catalog
	 * @param phase the module name
	 * @param dir the module's {@code target/scoreboard} directory
	 * @return the grouped results, or null if no test wrote any outcome
	 */
	public static RunResults read(Catalog catalog, String phase, Path dir) {
		List<TestOutcome> all = new ArrayList<>();
		if (Files.isDirectory(dir)) {
			try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "outcomes-*.json")) {
				JsonMapper mapper = JsonMapper.builder().build();
				for (Path file : files) {
					all.addAll(mapper.readValue(file.toFile(), new TypeReference<List<TestOutcome>>() {
					}));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (all.isEmpty()) {
			return null;
		}
		List<ExerciseResult> exercises = new ArrayList<>();
		for (Exercise exercise : catalog.ofPhase(phase)) {
			// In the catalog's order of graders, so the first failure shown comes from
			// the
			// grader that teaches the basics.
			exercises.add(new ExerciseResult(exercise,
					all.stream()
						.filter((outcome) -> exercise.isGradedBy(outcome.testClass()))
						.sorted(Comparator.comparingInt((TestOutcome outcome) -> graderIndex(exercise, outcome)))
						.toList()));
		}
		List<TestOutcome> others = all.stream()
			.filter((outcome) -> catalog.gradedBy(outcome.testClass()).isEmpty())
			.toList();
		return new RunResults(phase, List.copyOf(exercises), others);
	}

	private static int graderIndex(Exercise exercise, TestOutcome outcome) {
		String className = outcome.testClass();
		int dollar = className.indexOf('$');
		return exercise.graders().indexOf((dollar < 0) ? className : className.substring(0, dollar));
	}

	/**
	 * Returns the first exercise, in teaching order, that is not passed.
	 * @return the exercise result or null when all passed
	 */
	public ExerciseResult next() {
		return this.exercises.stream()
			.filter((result) -> result.status() != ExerciseResult.Status.PASSED)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Returns whether any test in the run failed, grader or not; a stretch exercise's
	 * graders do not count.
	 * @return true if something failed
	 */
	public boolean anyFailed() {
		return this.others.stream().anyMatch(TestOutcome::failed) || this.exercises.stream()
			.anyMatch((result) -> !result.exercise().stretch() && result.status() == ExerciseResult.Status.FAILED);
	}

}
