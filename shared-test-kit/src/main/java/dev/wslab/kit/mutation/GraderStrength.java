package dev.wslab.kit.mutation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;

/**
 * Measures how strong each exercise's graders are: for every exercise of a phase, one PIT
 * run mutates the reference answer (the classes of the exercise's files, compiled from
 * {@code solutions/}) and runs only that exercise's graders. A grader that lets a mutant
 * pass would also pass a learner's wrong answer.
 *
 * <p>
 * The build's {@code mutation} profile runs it after a phase is compiled. It prints and
 * writes the table to {@code <phase>/target/mutation/grader-strength.md}, with each
 * exercise's PIT report beside it. In {@code check} mode it fails when an exercise kills
 * fewer mutants than the floor recorded for it in {@code docs/mutation-floors.json}; in
 * {@code record} mode it writes the floors and the phase's section of
 * {@code docs/grader-strength.md} instead.
 */
public final class GraderStrength {

	/** Where the floors are recorded, relative to the workspace root. */
	public static final String FLOORS = "docs/mutation-floors.json";

	/** The committed report, relative to the workspace root. */
	public static final String DOC = "docs/grader-strength.md";

	/** The score every exercise's graders should reach, in percent. */
	public static final int TARGET = 85;

	private GraderStrength() {
	}

	/**
	 * Entry point for the build.
	 * @param args {@code --name=value} options: root, phase, out, classes, sources, mode
	 * ({@code check} or {@code record}), only (exercise ids, comma-separated; empty for
	 * all), threads (per PIT run), parallel (PIT runs at once), timeoutConst, unitSize,
	 * pit (its version, for the report)
	 */
	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		System.exit(run(options, System.out) ? 0 : 1);
	}

	private static ExerciseStrength done(Future<ExerciseStrength> run) {
		try {
			return run.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static boolean run(Map<String, String> options, PrintStream out) {
		Path root = Path.of(options.get("root"));
		String phase = options.get("phase");
		String mode = options.getOrDefault("mode", "check");
		List<String> only = Arrays.stream(options.getOrDefault("only", "").split(","))
			.map(String::trim)
			.filter((id) -> !id.isEmpty())
			.toList();
		List<Exercise> exercises = Catalog.load(root)
			.ofPhase(phase)
			.stream()
			.filter((exercise) -> only.isEmpty() || only.contains(exercise.id()))
			.toList();
		// PIT mutates bytecode: an exercise with no Java file is left out, and said so.
		List<Exercise> notJava = exercises.stream()
			.filter((exercise) -> PitRun.classGlobs(exercise).isEmpty())
			.toList();
		notJava.forEach((exercise) -> out.println("[mutation] " + exercise.id() + " " + exercise.title()
				+ ": no Java file to mutate " + exercise.files() + "; not measured"));
		exercises = exercises.stream().filter((exercise) -> !notJava.contains(exercise)).toList();
		if (exercises.isEmpty()) {
			out.println("[mutation] " + phase + ": no exercise to mutate");
			return true;
		}
		if ("record".equals(mode) && !only.isEmpty()) {
			out.println("[mutation] record mode measures the whole phase; drop -Dwslab.mutation.only");
			return false;
		}
		Path dir = Path.of(options.get("out"));
		PitRun.Settings settings = new PitRun.Settings(dir, Path.of(options.get("classes")),
				Path.of(options.get("sources")), Integer.parseInt(options.getOrDefault("threads", "2")),
				Integer.parseInt(options.getOrDefault("timeoutConst", "4000")),
				Integer.parseInt(options.getOrDefault("unitSize", "0")),
				Long.parseLong(options.getOrDefault("maxMinutes", "30")));
		PitRun pit = new PitRun(settings);
		Equivalents equivalents = Equivalents.read(root.resolve(DOC));
		long start = System.nanoTime();
		// Several exercises' PIT runs at once (each its own JVM, its own report
		// directory): their start-up and coverage phases are single-threaded, so two
		// runs of one thread each keep two cores busier than one run of two threads.
		// Results are printed in the catalog's order.
		int parallel = Math.max(1, Integer.parseInt(options.getOrDefault("parallel", "1")));
		ExecutorService runs = Executors.newFixedThreadPool(parallel);
		List<Future<ExerciseStrength>> pending = new ArrayList<>();
		for (Exercise exercise : exercises) {
			pending.add(runs.submit(() -> pit.run(exercise).withEquivalents(equivalents.of(exercise.id()))));
		}
		runs.shutdown();
		List<ExerciseStrength> results = new ArrayList<>();
		List<Exercise> noMutants = new ArrayList<>();
		List<String> broken = new ArrayList<>();
		try {
			for (int i = 0; i < exercises.size(); i++) {
				Exercise exercise = exercises.get(i);
				out.printf("[mutation] %-5s %-40s ", exercise.id(), exercise.title());
				out.flush();
				ExerciseStrength result;
				try {
					result = done(pending.get(i));
				}
				catch (IllegalStateException ex) {
					// One exercise's broken or overlong run is that exercise's failure;
					// the
					// others are still measured and reported.
					out.println("NOT MEASURED: " + ex.getMessage());
					broken.add(exercise.id() + ": " + ex.getMessage());
					continue;
				}
				if (result.mutants() == 0) {
					out.println("no mutant under PIT's default mutators; not measured");
					noMutants.add(exercise);
					continue;
				}
				results.add(result);
				out.printf("%3d/%-3d killed, %d equivalent  %3d%%  (%d s)%n", result.killed(), result.mutants(),
						result.equivalents().size(), result.score(), result.seconds());
				int stale = equivalents.of(exercise.id()).size() - result.equivalents().size();
				if (stale > 0) {
					out.println("[mutation]       " + stale + " mutant(s) listed as equivalent in " + DOC
							+ " did not survive or moved; update the list");
				}
			}
		}
		finally {
			runs.shutdownNow();
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		Floors floors = Floors.read(root.resolve(FLOORS));
		if ("record".equals(mode) && !broken.isEmpty()) {
			out.println("[mutation] not recorded: " + broken.size() + " exercise(s) have no result");
			return false;
		}
		if ("record".equals(mode)) {
			floors = floors.with(results);
			floors.write(root.resolve(FLOORS));
		}
		StrengthReport report = new StrengthReport(phase, results, floors, took, settings,
				options.getOrDefault("pit", "?"))
			.notMeasured(notJava)
			.withoutMutants(noMutants);
		report.write(dir.resolve("grader-strength.md"));
		out.println("[mutation] table and PIT reports: " + dir);
		if ("record".equals(mode)) {
			report.replaceSectionIn(root.resolve(DOC));
			out.println("[mutation] recorded the floors in " + FLOORS + " and the table in " + DOC);
			return true;
		}
		List<String> failures = new ArrayList<>(floors.check(results));
		broken.forEach((failure) -> failures.add("no result for " + failure));
		failures.forEach((failure) -> out.println("[mutation] BELOW FLOOR: " + failure));
		out.println(failures.isEmpty() ? "[mutation] every exercise is at or above its floor"
				: "[mutation] FAILED: graders got weaker; see the survivors in " + dir.resolve("grader-strength.md"));
		return failures.isEmpty();
	}

}
