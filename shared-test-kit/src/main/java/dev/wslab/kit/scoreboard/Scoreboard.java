package dev.wslab.kit.scoreboard;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.grading.GradedFailure;
import dev.wslab.kit.scoreboard.ExerciseResult.Status;
import dev.wslab.kit.track.HintLog;
import dev.wslab.kit.workshop.Workshop;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints a phase's scoreboard after its tests, writes {@code scoreboard.json} and
 * {@code scoreboard.html}, and decides the build result: when any test failed it leaves a
 * {@code FAILED} marker that the build's enforcer step turns into a failure with a plain
 * message.
 *
 * <p>
 * Run by the build as {@code Scoreboard <root> <phase> <results dir> <track> <mode>},
 * where the mode is {@code normal}; {@code strict}, which also fails when an exercise's
 * graders ran no test (CI uses it, so a catalog entry naming a missing grader cannot
 * pass); or {@code report-only}, which never fails (the starter check uses it).
 */
public final class Scoreboard {

	private static final int EXPECTED_LINES = 8;

	private static final int TRANSCRIPT_CLIENTS = 3;

	private static final int TRANSCRIPT_LINES = 8;

	private static final int LINE_WIDTH = 160;

	private Scoreboard() {
	}

	/**
	 * Entry point for the build.
	 * @param args root, phase, results directory, track, then optional flags
	 */
	public static void main(String[] args) {
		Path root = Path.of(args[0]);
		String phase = args[1];
		Path dir = Path.of(args[2]);
		String track = args[3];
		String mode = args.length > 4 ? args[4] : "normal";
		Catalog catalog = Catalog.load(root);
		int code = run(catalog, root, phase, dir, track, "strict".equals(mode), System.out);
		// Workshop mode: one progress event to the room's board, best effort (never
		// changes the verdict).
		Workshop.afterScoreboard(catalog, root, phase, dir, track, System.getenv(), System.out);
		Path marker = dir.resolve("FAILED");
		try {
			Files.createDirectories(dir);
			if (code != 0 && !"report-only".equals(mode)) {
				Files.writeString(marker, "See the scoreboard printed by the build.\n");
			}
			else {
				Files.deleteIfExists(marker);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int run(Catalog catalog, String phase, Path dir, String track, boolean strict, PrintStream out) {
		return run(catalog, null, phase, dir, track, strict, out);
	}

	/**
	 * Prints and writes the board of one phase and returns the build's verdict.
	 * @param catalog the catalog
	 * @param root the workspace root, for the other phases' progress and the hints read;
	 * null to leave them out
	 * @param phase the phase module
	 * @param dir its results directory
	 * @param track the track that was graded
	 * @param strict whether an exercise whose graders ran no test fails the run
	 * @param out where the board goes
	 * @return 0 if the run passes, 1 if not
	 */
	static int run(Catalog catalog, Path root, String phase, Path dir, String track, boolean strict, PrintStream out) {
		RunResults results = RunResults.read(catalog, phase, dir);
		if (results == null) {
			if (catalog.ofPhase(phase).isEmpty()) {
				out.println("wslab · " + phase + ": no exercises in this phase yet.");
				return 0;
			}
			out.println("wslab · " + phase + ": no test results were recorded, so nothing can be scored. "
					+ "Did the tests run? (look for a compile error or a crashed test JVM above)");
			return 1;
		}
		print(results, track, out);
		write(catalog, root, results, track, dir);
		out.println(" Full logs: " + shown(root, dir.resolveSibling("surefire-reports")) + "   ·   as a page: "
				+ shown(root, dir.resolve("scoreboard.html")));
		boolean notRun = results.exercises().stream().anyMatch((result) -> result.status() == Status.NOT_RUN);
		if (strict && notRun) {
			out.println("Strict mode: an exercise's graders ran no test. Check the graders named in catalog.json.");
			return 1;
		}
		return results.anyFailed() ? 1 : 0;
	}

	static void print(RunResults results, String track, PrintStream out) {
		String rule = "─".repeat(72);
		out.println();
		out.println(rule);
		out.println(" wslab scoreboard · " + results.phase() + " · " + track + " track");
		out.println(rule);
		long passed = 0;
		long required = results.exercises().stream().filter((result) -> !result.exercise().stretch()).count();
		for (ExerciseResult result : results.exercises()) {
			out.println(row(result));
			passed += (result.status() == Status.PASSED && !result.exercise().stretch()) ? 1 : 0;
		}
		long otherFailed = results.others().stream().filter(TestOutcome::failed).count();
		if (!results.others().isEmpty()) {
			out.printf(" %s       %-48s %d/%d tests%n", otherFailed == 0 ? "✔" : "✘",
					"other tests (apps, kit, conformance)", results.others().size() - otherFailed,
					results.others().size());
		}
		out.println(rule);
		out.printf(" %d of %d exercises passed%s.%n", passed, required,
				(required < results.exercises().size()) ? ", not counting stretch exercises" : "");
		ExerciseResult next = results.next();
		if (next != null) {
			Exercise exercise = next.exercise();
			out.println(" Next: " + exercise.id() + " " + exercise.title() + " — " + exercise.concept());
			printDetails(next, track, out);
		}
		else if (otherFailed > 0) {
			results.others().stream().filter(TestOutcome::failed).limit(3).forEach((failure) -> {
				out.println(" failed  " + simpleName(failure.testClass()) + " › " + failure.name());
				failure.failure().lines().limit(4).forEach((line) -> out.println("     " + line));
			});
		}
		else {
			out.println(" Every exercise of this phase passes.");
		}
		out.println(rule);
	}

	/**
	 * Prints one exercise's board line and, unless it passed, what to edit, the hint and
	 * its first failure: what {@code ./learn check} shows.
	 * @param result the exercise's outcomes
	 * @param track the track that was graded
	 * @param out where it goes
	 */
	public static void printExercise(ExerciseResult result, String track, PrintStream out) {
		out.println(row(result));
		if (result.status() != Status.PASSED) {
			printDetails(result, track, out);
		}
	}

	private static String row(ExerciseResult result) {
		Exercise exercise = result.exercise();
		String mark = switch (result.status()) {
			case PASSED -> "✔";
			case FAILED -> "✘";
			case NOT_RUN -> "·";
		};
		String count = result.status() == Status.NOT_RUN ? "not run"
				: result.passedCount() + "/" + result.outcomes().size() + " tests";
		String title = exercise.stretch() ? exercise.title() + " (stretch)" : exercise.title();
		return String.format(" %s %-5s %-48s %s", mark, exercise.id(), title, count);
	}

	private static void printDetails(ExerciseResult result, String track, PrintStream out) {
		Exercise exercise = result.exercise();
		exercise.files().forEach((file) -> out.println("   edit   " + track + "/" + file));
		TestOutcome failure = result.firstFailure();
		TestOutcome.Lesson lesson = (failure != null) ? failure.lesson() : null;
		out.println(
				"   hint   " + ((lesson != null && lesson.hint() != null) ? lesson.hint() : exercise.hints().get(0)));
		if (failure != null) {
			out.println("   first failure  " + simpleName(failure.testClass()) + " › " + failure.name());
			if (lesson != null) {
				printLesson(lesson, out);
			}
			else {
				failure.failure().lines().limit(6).forEach((line) -> out.println("     " + line));
			}
		}
		out.println("   more   ./learn hint " + exercise.id() + "   ·   " + exercise.reference().title() + " "
				+ exercise.reference().url());
	}

	/**
	 * Prints a graded failure: the expectation, the server's exception, then the last
	 * lines each client saw, where the wrong turn usually is.
	 */
	private static void printLesson(TestOutcome.Lesson lesson, PrintStream out) {
		lesson.expected().lines().limit(EXPECTED_LINES).forEach((line) -> out.println("     " + clip(line)));
		if (lesson.server() != null) {
			out.println("     inside the server: " + clip(lesson.server()));
		}
		List<GradedFailure.ClientLog> clients = lesson.clients();
		int from = Math.max(0, clients.size() - TRANSCRIPT_CLIENTS);
		if (from > 0) {
			out.println("     (" + from + " earlier clients: see scoreboard.html)");
		}
		for (GradedFailure.ClientLog client : clients.subList(from, clients.size())) {
			List<String> lines = client.lines();
			int skipped = Math.max(0, lines.size() - TRANSCRIPT_LINES);
			out.println("     transcript of " + client.name()
					+ ((skipped > 0) ? ", last " + TRANSCRIPT_LINES + " of " + lines.size() + " lines" : "") + ":");
			lines.subList(skipped, lines.size()).forEach((line) -> out.println("       " + clip(line)));
		}
	}

	private static String clip(String line) {
		return (line.length() <= LINE_WIDTH) ? line : line.substring(0, LINE_WIDTH - 1) + "…";
	}

	private static void write(Catalog catalog, Path root, RunResults results, String track, Path dir) {
		Map<String, Object> board = new LinkedHashMap<>();
		board.put("phase", results.phase());
		board.put("track", track);
		board.put("exercises", results.exercises().stream().map((result) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", result.exercise().id());
			row.put("title", result.exercise().title());
			row.put("status", result.status().name());
			row.put("passed", result.passedCount());
			row.put("tests", result.outcomes().size());
			TestOutcome failure = result.firstFailure();
			row.put("firstFailure", failure == null ? null : failure.name() + ": " + failure.failure());
			return row;
		}).toList());
		ExerciseResult next = results.next();
		board.put("next", next == null ? null : next.exercise().id());
		board.put("otherTests", Map.of("total", results.others().size(), "failed",
				results.others().stream().filter(TestOutcome::failed).count()));
		try {
			Files.createDirectories(dir);
			JsonMapper.builder()
				.build()
				.writerWithDefaultPrettyPrinter()
				.writeValue(dir.resolve("scoreboard.json").toFile(), board);
			Files.writeString(dir.resolve("scoreboard.html"),
					ScoreboardPage.render(results, progress(catalog, root, results), track, hintsRead(root)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<ScoreboardPage.Progress> progress(Catalog catalog, Path root, RunResults current) {
		List<ScoreboardPage.Progress> phases = new ArrayList<>();
		for (String phase : catalog.exercises().stream().map(Exercise::phase).distinct().toList()) {
			RunResults results = phase.equals(current.phase()) ? current : (root != null)
					? RunResults.read(catalog, phase, root.resolve(phase).resolve("target/scoreboard")) : null;
			long required = catalog.ofPhase(phase).stream().filter((exercise) -> !exercise.stretch()).count();
			phases.add((results != null) ? ScoreboardPage.Progress.of(results)
					: new ScoreboardPage.Progress(phase, 0, required, false));
		}
		return phases;
	}

	private static ToIntFunction<Exercise> hintsRead(Path root) {
		if (root == null) {
			return (exercise) -> 0;
		}
		HintLog log = HintLog.load(root);
		return log::seen;
	}

	private static String shown(Path root, Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		return (root != null && absolute.startsWith(root.toAbsolutePath().normalize()))
				? root.toAbsolutePath().normalize().relativize(absolute).toString() : absolute.toString();
	}

	static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

}
