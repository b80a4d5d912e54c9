package dev.wslab.kit.scoreboard;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;

/**
 * The per-exercise starter check: each exercise's graders must fail on its own
 * {@code TODO(id)} when every other exercise of its phase is solved. The whole-track
 * check ({@link StarterCheck}) accepts any TODO, so an exercise whose graders never
 * notice its own stub could hide behind an earlier one that is unsolved.
 *
 * <p>
 * Runs on a phase compiled from {@code solutions/}. For each exercise it compiles only
 * that exercise's starter files, into an overlay that comes first on the class path, and
 * runs the exercise's graders in a fresh JVM: the learner's tree with everything else
 * solved, without a Maven run per exercise.
 */
public final class OwnTodoCheck {

	private OwnTodoCheck() {
	}

	/**
	 * Entry point for the build's {@code starter-each} profile.
	 * @param args {@code --name=value} options: root, phase, out, only (exercise ids,
	 * comma-separated; empty for all)
	 */
	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		System.exit(run(options, System.out) ? 0 : 1);
	}

	static boolean run(Map<String, String> options, PrintStream out) {
		Path root = Path.of(options.get("root"));
		String phase = options.get("phase");
		Path dir = Path.of(options.get("out"));
		List<String> only = Stream.of(options.getOrDefault("only", "").split(","))
			.map(String::trim)
			.filter((id) -> !id.isEmpty())
			.toList();
		Catalog catalog = Catalog.load(root);
		List<Exercise> exercises = catalog.ofPhase(phase)
			.stream()
			.filter((exercise) -> only.isEmpty() || only.contains(exercise.id()))
			.toList();
		boolean allRed = true;
		out.println("Per-exercise starter check (" + phase
				+ "): each exercise's graders must fail on its own TODO with every other exercise solved.");
		for (Exercise exercise : exercises) {
			long start = System.nanoTime();
			String verdict = check(catalog, root, phase, exercise, dir.resolve(exercise.id()));
			allRed &= verdict.startsWith("ok");
			out.printf("  %-5s %-44s %s (%d s)%n", exercise.id(), exercise.title(), verdict,
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
		}
		out.println(allRed ? "Per-exercise starter check passed." : "Per-exercise starter check FAILED.");
		return allRed;
	}

	private static String check(Catalog catalog, Path root, String phase, Exercise exercise, Path dir) {
		try {
			deleteRecursively(dir);
			Path overlay = dir.resolve("classes");
			Path results = dir.resolve("results");
			Files.createDirectories(overlay);
			String classPath = System.getProperty("java.class.path");
			String compileError = compileStarter(root, exercise, classPath, overlay, dir.resolve("javac.log"));
			if (compileError != null) {
				return "BAD: the starter does not compile against the other solutions; see " + compileError;
			}
			List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
					"-cp", overlay + File.pathSeparator + classPath, "-Dwslab.results=" + results,
					"-Dwslab.root=" + root, "-Dwslab.module=" + phase, "-Dwslab.track=exercises",
					GraderLauncher.class.getName()));
			command.addAll(exercise.graders());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dir.resolve("graders.log").toFile());
			builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
			Process process = builder.start();
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly().waitFor();
				return "BAD: the graders ran longer than 10 min; see " + dir.resolve("graders.log");
			}
			RunResults run = RunResults.read(catalog, phase, results);
			ExerciseResult result = (run != null) ? run.exercises()
				.stream()
				.filter((candidate) -> candidate.exercise().id().equals(exercise.id()))
				.findFirst()
				.orElse(null) : null;
			return (result != null) ? verdict(result) : "BAD: no grader test ran; see " + dir.resolve("graders.log");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Judges one exercise: every grader test failed, and each failure traces back to this
	 * exercise's own {@code TODO(id)}.
	 * @param result the exercise's outcomes, with every other exercise solved
	 * @return a line that starts with {@code ok} or {@code BAD}
	 */
	static String verdict(ExerciseResult result) {
		String whole = StarterCheck.verdict(result);
		if (!whole.startsWith("ok")) {
			return whole;
		}
		String id = result.exercise().id();
		List<TestOutcome> foreign = result.outcomes().stream().filter((outcome) -> !id.equals(outcome.todo())).toList();
		if (!foreign.isEmpty()) {
			return "BAD: " + foreign.get(0).name() + " fails on TODO(" + foreign.get(0).todo() + "), not TODO(" + id
					+ ")";
		}
		return "ok: " + result.outcomes().size() + "/" + result.outcomes().size() + " fail on TODO(" + id + ")";
	}

	private static String compileStarter(Path root, Exercise exercise, String classPath, Path overlay, Path log)
			throws IOException {
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		// -parameters as the build compiles: Spring resolves @DestinationVariable and
		// @PathVariable by parameter name, and without it the starter fails on that
		// instead of its TODO (2.4's RoomController did).
		List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "-parameters", "--release", "21",
				"-encoding", "UTF-8", "-cp", classPath, "-d", overlay.toString()));
		for (String file : exercise.files()) {
			Path starter = root.resolve("exercises").resolve(file);
			if (file.endsWith(".java")) {
				args.add(starter.toString());
			}
			else {
				// A file that is not Java (3.4's Nginx configuration, 3.17's page script)
				// goes onto the class path as it is, where the phase's build puts it too.
				Path target = overlay.resolve(onClassPath(exercise.phase(), file));
				Files.createDirectories(target.getParent());
				Files.copy(starter, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		if (args.stream().noneMatch((arg) -> arg.endsWith(".java"))) {
			return null;
		}
		try (PrintStream errors = new PrintStream(Files.newOutputStream(log))) {
			int code = javac.run(null, errors, errors, args.toArray(String[]::new));
			return (code == 0) ? null : log.toString();
		}
	}

	/**
	 * Where the build puts a track file that is not Java: the same path under the class
	 * path's root, from the track's {@code src/main/java} (3.4's
	 * {@code dev/wslab/production/proxy/cluster.conf}) or {@code src/main/resources}
	 * (3.17's {@code static/reconnect.js}, which Spring Boot then serves).
	 * @param phase the phase module
	 * @param file the file as the catalog names it
	 * @return the path relative to the class path's root
	 */
	static String onClassPath(String phase, String file) {
		for (String root : List.of(phase + "/src/main/java/", phase + "/src/main/resources/")) {
			if (file.startsWith(root)) {
				return file.substring(root.length());
			}
		}
		return file;
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
