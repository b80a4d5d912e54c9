package dev.wslab.kit.track;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.scoreboard.ExerciseResult;
import dev.wslab.kit.scoreboard.RunResults;
import dev.wslab.kit.scoreboard.StarterCheck;

/**
 * The learner commands behind {@code ./learn}: list the exercises, show the next hint,
 * reset an exercise to its starter, reveal a solution. Kept deliberately thin.
 */
public final class Learn {

	private final Catalog catalog;

	private final Path root;

	private final PrintStream out;

	Learn(Catalog catalog, Path root, PrintStream out) {
		this.catalog = catalog;
		this.root = root;
		this.out = out;
	}

	/**
	 * Entry point for the {@code learn} script.
	 * @param args the command and its arguments
	 */
	public static void main(String[] args) {
		Path root = Catalog.findRoot(Path.of("."));
		try {
			System.exit(new Learn(Catalog.load(root), root, System.out).run(List.of(args)));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
	}

	int run(List<String> args) {
		String command = args.isEmpty() ? "list" : args.get(0);
		return switch (command) {
			case "list" -> list();
			case "hint" -> args.size() < 2 ? usage()
					: hint(exercise(args.get(1)), args.size() > 2 ? Integer.parseInt(args.get(2)) : 0);
			case "reset" -> args.size() < 2 ? usage() : reset(exercise(args.get(1)));
			case "reveal" -> args.size() < 2 ? usage() : reveal(exercise(args.get(1)), args.contains("--yes"));
			case "check-starters" -> StarterCheck.run(this.catalog, this.root,
					this.catalog.exercises().stream().map(Exercise::phase).distinct().toList(), this.out) ? 0 : 1;
			default -> usage();
		};
	}

	private int list() {
		String phase = "";
		for (Exercise exercise : this.catalog.exercises()) {
			if (!exercise.phase().equals(phase)) {
				phase = exercise.phase();
				this.out.println(phase);
			}
			this.out.printf("  %-6s %-9s %-48s %s%n", exercise.id(), status(exercise), exercise.title(),
					exercise.concept());
		}
		this.out.println("Status is from the last './mvnw verify' of each phase. Next: ./learn hint <id>");
		return 0;
	}

	private String status(Exercise exercise) {
		RunResults results = RunResults.read(this.catalog, exercise.phase(),
				this.root.resolve(exercise.phase()).resolve("target/scoreboard"));
		if (results == null) {
			return "-";
		}
		return results.exercises()
			.stream()
			.filter((result) -> result.exercise().equals(exercise))
			.map(ExerciseResult::status)
			.map((status) -> status.name().toLowerCase().replace('_', ' '))
			.findFirst()
			.orElse("-");
	}

	private int hint(Exercise exercise, int requested) {
		HintLog seen = HintLog.load(this.root);
		int level = requested > 0 ? requested : seen.next(exercise);
		if (level < 1 || level > exercise.hints().size()) {
			this.out.println(exercise.id() + " has hints 1 to " + exercise.hints().size() + ".");
			return 2;
		}
		this.out
			.println(exercise.id() + " " + exercise.title() + " — hint " + level + " of " + exercise.hints().size());
		this.out.println("  " + exercise.hints().get(level - 1));
		this.out.println("  Reference: " + exercise.reference().title() + " " + exercise.reference().url());
		if (level < exercise.hints().size()) {
			this.out.println("  Run './learn hint " + exercise.id() + "' again for the next hint.");
		}
		else {
			this.out.println(
					"  That was the last hint. './learn reveal " + exercise.id() + "' shows the reference answer.");
		}
		seen.markSeen(exercise, level);
		seen.save();
		return 0;
	}

	private int reset(Exercise exercise) {
		String ref = starterRef();
		for (String file : exercise.files()) {
			String path = "exercises/" + file;
			byte[] starter = git("show", ref + ":" + path);
			write(this.root.resolve(path), starter);
			this.out.println("reset " + path + " to its starter (from git " + ref + ")");
		}
		return 0;
	}

	private int reveal(Exercise exercise, boolean confirmed) {
		if (!confirmed) {
			this.out.println("Revealing overwrites your work on " + exercise.id() + ". Re-run with --yes to go ahead.");
			return 2;
		}
		for (String file : exercise.files()) {
			Path target = this.root.resolve("exercises").resolve(file);
			try {
				Files.copy(this.root.resolve("solutions").resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.out.println("copied the reference answer into exercises/" + file);
		}
		this.out.println("'./learn reset " + exercise.id() + "' puts the starter back.");
		return 0;
	}

	private Exercise exercise(String id) {
		return this.catalog.byId(id)
			.orElseThrow(() -> new IllegalArgumentException(
					"No exercise " + id + " in catalog.json; './learn list' shows them"));
	}

	private String starterRef() {
		String configured = System.getenv("WSLAB_STARTER_REF");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		// The upstream branch holds the starters even after a learner commits their own
		// work.
		try {
			git("rev-parse", "--verify", "--quiet", "@{upstream}");
			return "@{upstream}";
		}
		catch (IllegalStateException ex) {
			return "HEAD";
		}
	}

	private byte[] git(String... args) {
		List<String> command = new java.util.ArrayList<>(List.of("git", "-C", this.root.toString()));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("git " + String.join(" ", args) + " failed");
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("git is needed to reset an exercise", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void write(Path file, byte[] bytes) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private int usage() {
		this.out.println(
				"""
						usage: ./learn [list]              the exercises and their status
						       ./learn hint <id> [level]   the next hint (or a given level)
						       ./learn reset <id>          put an exercise back to its starter
						       ./learn reveal <id>         copy the reference answer in (asks first)
						       ./learn tap <port> <host:port>  print the handshake and frames of connections through a proxy
						     ./learn doctor              check this machine
						maintainers:
						       ./learn check-starters      after a run of the exercises track, prove every starter red for its TODO""");
		return 2;
	}

}
