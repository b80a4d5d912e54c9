package dev.wslab.kit.scoreboard;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;

/**
 * Proves the starters are red for the right reason, after a run of the exercises track:
 * for every exercise, each grader test ran and failed, and each failure traces back to a
 * stub's {@code TODO(id)}, not to a compile error or missing infrastructure.
 *
 * <p>
 * Run by CI as {@code StarterCheck <root> <phase>...}; exits non-zero when any exercise
 * is not properly red.
 */
public final class StarterCheck {

	private StarterCheck() {
	}

	/**
	 * Entry point for CI.
	 * @param args the workspace root, then the phase modules to check
	 */
	public static void main(String[] args) {
		Path root = Path.of(args[0]);
		List<String> phases = List.of(args).subList(1, args.length);
		System.exit(run(Catalog.load(root), root, phases, System.out) ? 0 : 1);
	}

	/**
	 * Checks the starters of the given phases and prints one line per exercise.
	 * @param catalog the catalog
	 * @param root the workspace root
	 * @param phases the phase modules to check
	 * @param out where the report goes
	 * @return true if every exercise is red for its TODO
	 */
	public static boolean run(Catalog catalog, Path root, List<String> phases, PrintStream out) {
		boolean allRed = true;
		out.println("Starter check: every exercise's graders must fail on the starters because of a TODO stub.");
		for (String phase : phases) {
			List<Exercise> exercises = catalog.ofPhase(phase);
			if (exercises.isEmpty()) {
				continue;
			}
			RunResults results = RunResults.read(catalog, phase, root.resolve(phase).resolve("target/scoreboard"));
			if (results == null) {
				out.println("  " + phase + ": NO RESULTS — the exercises track did not run its tests");
				allRed = false;
				continue;
			}
			for (ExerciseResult result : results.exercises()) {
				String verdict = verdict(result);
				allRed &= verdict.startsWith("ok");
				out.printf("  %-5s %-44s %s%n", result.exercise().id(), result.exercise().title(), verdict);
			}
		}
		out.println(allRed ? "Starter check passed." : "Starter check FAILED.");
		return allRed;
	}

	static String verdict(ExerciseResult result) {
		List<TestOutcome> outcomes = result.outcomes();
		if (outcomes.isEmpty()) {
			return "BAD: no grader test ran";
		}
		List<TestOutcome> passing = outcomes.stream().filter((outcome) -> !outcome.failed()).toList();
		if (!passing.isEmpty()) {
			return "BAD: " + passing.size() + " grader test(s) pass on the starter, e.g. " + passing.get(0).name();
		}
		List<TestOutcome> infrastructure = outcomes.stream().filter(TestOutcome::infrastructure).toList();
		if (!infrastructure.isEmpty()) {
			return "BAD: failed for missing infrastructure: "
					+ infrastructure.get(0).failure().lines().findFirst().orElse("");
		}
		List<TestOutcome> noTodo = outcomes.stream().filter((outcome) -> outcome.todo() == null).toList();
		if (!noTodo.isEmpty()) {
			return "BAD: " + noTodo.get(0).name() + " failed without reaching a TODO stub: "
					+ noTodo.get(0).failure().lines().findFirst().orElse("");
		}
		String todos = String.join(",", outcomes.stream().map(TestOutcome::todo).distinct().sorted().toList());
		return "ok: " + outcomes.size() + "/" + outcomes.size() + " fail on TODO(" + todos + ")";
	}

}
