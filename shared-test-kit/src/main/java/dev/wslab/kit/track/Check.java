package dev.wslab.kit.track;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.scoreboard.ExerciseResult;
import dev.wslab.kit.scoreboard.RunResults;
import dev.wslab.kit.scoreboard.Scoreboard;
import dev.wslab.kit.scoreboard.TestOutcome;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./learn check [id]} and {@code ./learn watch [id]}: run one exercise's graders
 * alone, on the learner's track, and print its board line; by default the next exercise
 * that does not pass yet. Maven compiles and runs them quietly (its output goes to
 * {@code <phase>/target/check.log}), and the outcomes join the phase's last results, so
 * {@code ./learn} stays current.
 */
final class Check {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration POLL = Duration.ofMillis(500);

	private final Catalog catalog;

	private final Path root;

	private final PrintStream out;

	Check(Catalog catalog, Path root, PrintStream out) {
		this.catalog = catalog;
		this.root = root;
		this.out = out;
	}

	/**
	 * Runs one exercise's graders and prints its line.
	 * @param exercise the exercise
	 * @return 0 if it passes, 1 if not, 2 if the build itself failed
	 */
	int check(Exercise exercise) {
		Path phaseDir = this.root.resolve(exercise.phase());
		Path results = phaseDir.resolve("target/check-results");
		Path log = phaseDir.resolve("target/check.log");
		long start = System.nanoTime();
		this.out.println("Checking " + exercise.id() + " " + exercise.title() + " ("
				+ String.join(", ", exercise.graders().stream().map(Check::simpleName).toList()) + ")…");
		deleteOutcomes(results);
		int code = maven(exercise, results, log);
		List<TestOutcome> outcomes = readOutcomes(results).stream()
			.filter((outcome) -> exercise.isGradedBy(outcome.testClass()))
			.toList();
		if (outcomes.isEmpty()) {
			this.out.println(" ✘ " + exercise.id() + " did not run (Maven exited with " + code + "). From "
					+ this.root.relativize(log) + ":");
			errorLines(log).forEach((line) -> this.out.println("   " + line));
			return 2;
		}
		ExerciseResult result = new ExerciseResult(exercise, outcomes);
		Scoreboard.printExercise(result, "exercises", this.out);
		this.out.printf(" (%.1f s; Maven's output: %s)%n", (System.nanoTime() - start) / 1e9,
				this.root.relativize(log));
		merge(exercise, outcomes, phaseDir.resolve("target/scoreboard"));
		return (result.status() == ExerciseResult.Status.PASSED) ? 0 : 1;
	}

	/**
	 * Checks an exercise, then again whenever one of its files changes; moves on to the
	 * next exercise once it passes. Stops after the given time.
	 * @param first the exercise to start with
	 * @param limit how long to watch
	 * @return 0
	 */
	int watch(Exercise first, Duration limit) throws InterruptedException {
		Instant end = Instant.now().plus(limit);
		Exercise exercise = first;
		while (exercise != null && Instant.now().isBefore(end)) {
			int code = check(exercise);
			if (code == 0) {
				exercise = next();
				if (exercise == null) {
					this.out.println("Every exercise passes. Nothing left to watch.");
					return 0;
				}
				this.out.println("Next: " + exercise.id() + " " + exercise.title() + " — " + exercise.concept());
			}
			this.out.println("Watching " + String.join(", ", exercise.files()) + " (Ctrl-C stops)…");
			List<FileTime> seen = stamps(exercise);
			while (Objects.equals(seen, stamps(exercise))) {
				if (!Instant.now().isBefore(end)) {
					this.out.println("Stopped watching after " + limit.toMinutes() + " minutes.");
					return 0;
				}
				TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
			}
		}
		return 0;
	}

	/**
	 * Returns the next exercise that does not pass according to the last results, in
	 * teaching order, or null if all pass.
	 * @return the exercise
	 */
	Exercise next() {
		for (String phase : this.catalog.exercises().stream().map(Exercise::phase).distinct().toList()) {
			List<Exercise> exercises = this.catalog.ofPhase(phase);
			RunResults results = RunResults.read(this.catalog, phase,
					this.root.resolve(phase).resolve("target/scoreboard"));
			if (results == null) {
				return exercises.isEmpty() ? null : exercises.get(0);
			}
			ExerciseResult next = results.next();
			if (next != null) {
				return next.exercise();
			}
		}
		return null;
	}

	private int maven(Exercise exercise, Path results, Path log) {
		String tests = String.join(",", exercise.graders().stream().map(Check::simpleName).toList());
		List<String> command = new ArrayList<>(List.of(this.root.resolve("mvnw").toString(), "-B", "test", "-pl",
				"shared-test-kit," + exercise.phase(), "-Dtest=" + tests, "-Dsurefire.failIfNoSpecifiedTests=false",
				"-Dwslab.scoreboard.skip=true", "-Dspring-javaformat.skip=true",
				"-Dwslab.results.dir=" + results.toAbsolutePath()));
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).directory(this.root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return process.waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private List<FileTime> stamps(Exercise exercise) {
		List<FileTime> stamps = new ArrayList<>();
		for (String file : exercise.files()) {
			try {
				stamps.add(Files.getLastModifiedTime(this.root.resolve("exercises").resolve(file)));
			}
			catch (IOException ex) {
				stamps.add(null);
			}
		}
		return stamps;
	}

	/** Replaces the exercise's outcomes in the phase's last results with the new ones. */
	private static void merge(Exercise exercise, List<TestOutcome> outcomes, Path scoreboard) {
		try {
			Files.createDirectories(scoreboard);
			try (DirectoryStream<Path> files = Files.newDirectoryStream(scoreboard, "outcomes-*.json")) {
				for (Path file : files) {
					List<TestOutcome> kept = read(file).stream()
						.filter((outcome) -> !exercise.isGradedBy(outcome.testClass()))
						.toList();
					if (kept.isEmpty()) {
						Files.delete(file);
					}
					else {
						JSON.writeValue(file.toFile(), kept);
					}
				}
			}
			JSON.writeValue(scoreboard.resolve("outcomes-check-" + UUID.randomUUID() + ".json").toFile(), outcomes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<TestOutcome> readOutcomes(Path dir) {
		List<TestOutcome> all = new ArrayList<>();
		if (Files.isDirectory(dir)) {
			try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "outcomes-*.json")) {
				files.forEach((file) -> all.addAll(read(file)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return all;
	}

	private static List<TestOutcome> read(Path file) {
		return JSON.readValue(file.toFile(), new TypeReference<List<TestOutcome>>() {
		});
	}

	private static void deleteOutcomes(Path dir) {
		if (Files.isDirectory(dir)) {
			try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "outcomes-*.json")) {
				for (Path file : files) {
					Files.delete(file);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static List<String> errorLines(Path log) {
		try {
			List<String> errors = Files.readAllLines(log)
				.stream()
				.filter((line) -> line.startsWith("[ERROR]"))
				.filter((line) -> !line.contains("-> [Help") && !line.equals("[ERROR] "))
				.limit(20)
				.toList();
			return errors.isEmpty() ? List.of("(no [ERROR] lines; see the whole log)") : errors;
		}
		catch (IOException ex) {
			return List.of("(no log: " + ex.getMessage() + ")");
		}
	}

	private static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

}
