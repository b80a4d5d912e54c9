package dev.wslab.kit.workshop;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.scoreboard.RunResults;

/**
 * A participant's side of workshop mode: {@code ./learn workshop join|status|leave}, and
 * the publish at the end of each phase's scoreboard step.
 */
public final class Workshop {

	private Workshop() {
	}

	/**
	 * Entry point for {@code ./learn workshop}.
	 * @param args {@code join <broker-url> <name>}, {@code status} or {@code leave}
	 */
	public static void main(String[] args) {
		Path root = Catalog.findRoot(Path.of("."));
		try {
			System.exit(run(root, List.of(args), System.getenv(), System.out));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
	}

	/**
	 * Runs one {@code ./learn workshop} command.
	 * @param root the workspace root
	 * @param args the command and its arguments
	 * @param env the environment
	 * @param out the console
	 * @return the exit code
	 */
	public static int run(Path root, List<String> args, Map<String, String> env, PrintStream out) {
		String command = args.isEmpty() ? "status" : args.get(0);
		switch (command) {
			case "join" -> {
				if (args.size() != 3) {
					return usage(out);
				}
				WorkshopSettings settings = WorkshopSettings.parse(args.get(1), args.get(2));
				Path file = settings.save(root, args.get(1));
				out.println("Joined: " + settings.describe() + ". Saved in " + root.relativize(file)
						+ " (git ignores it; ./learn workshop leave removes it).");
				disclose(out);
				out.println(WorkshopPublisher
					.publish(settings, ProgressEvent.joined(settings, Instant.now()), WorkshopPublisher.DEFAULT_TIMEOUT)
					.line());
				return 0;
			}
			case "status" -> {
				Optional<WorkshopSettings> settings = WorkshopSettings.load(root, env);
				out.println(settings.map((joined) -> "Joined: " + joined.describe())
					.orElse("Not in a workshop. Join with: ./learn workshop join <broker-url> <name>"));
				return 0;
			}
			case "leave" -> {
				try {
					boolean removed = Files.deleteIfExists(root.resolve(WorkshopSettings.FILE));
					out.println(removed ? "Left the workshop: builds publish nothing from now on."
							: "Not in a workshop (no " + WorkshopSettings.FILE + ").");
					if (env.containsKey(WorkshopSettings.URL_VARIABLE)) {
						out.println("WSLAB_WORKSHOP_URL is still set in this shell: unset it too.");
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				return 0;
			}
			default -> {
				return usage(out);
			}
		}
	}

	/**
	 * Says what leaves the machine and what never does, where the participant joins.
	 * @param out where to
	 */
	static void disclose(PrintStream out) {
		out.println("""
				After each phase's tests, the build sends the workshop's broker one small event:
				  sent:       your name, the phase, each exercise's status (passed, failed, not run, test counts),
				              the first failing grader's name and a one-line reason (file paths in it are masked),
				              and when the run happened.
				  never sent: your source code, file paths, test output, your machine's name or user.
				If the broker cannot be reached, the build prints one line and grades as usual.""");
	}

	/**
	 * Publishes a phase's run if the participant joined a workshop; called at the end of
	 * the scoreboard step. Never throws, and prints at most one line.
	 * @param catalog the catalog
	 * @param root the workspace root
	 * @param phase the phase module
	 * @param dir its results directory
	 * @param track the track graded
	 * @param env the environment
	 * @param out where the one line goes
	 * @return the outcome, or empty when not joined or nothing ran
	 */
	public static Optional<WorkshopPublisher.Outcome> afterScoreboard(Catalog catalog, Path root, String phase,
			Path dir, String track, Map<String, String> env, PrintStream out) {
		return afterScoreboard(catalog, root, phase, dir, track, env, out, WorkshopPublisher.DEFAULT_TIMEOUT);
	}

	/**
	 * The same step with another bound on the publish: a test on a busy machine waits
	 * longer than a participant's build does.
	 * @param catalog the catalog
	 * @param root the workspace root
	 * @param phase the phase module
	 * @param dir its results directory
	 * @param track the track graded
	 * @param env the environment
	 * @param out where the one line goes
	 * @param timeout the bound on connecting and the receipt together
	 * @return the outcome, or empty when not joined or nothing ran
	 */
	public static Optional<WorkshopPublisher.Outcome> afterScoreboard(Catalog catalog, Path root, String phase,
			Path dir, String track, Map<String, String> env, PrintStream out, Duration timeout) {
		try {
			Optional<WorkshopSettings> settings = WorkshopSettings.load(root, env);
			RunResults results = settings.isPresent() ? RunResults.read(catalog, phase, dir) : null;
			if (results == null) {
				return Optional.empty();
			}
			WorkshopPublisher.Outcome outcome = WorkshopPublisher.publish(settings.get(),
					ProgressEvent.of(settings.get(), results, track, Instant.now()), timeout);
			out.println(outcome.line());
			return Optional.of(outcome);
		}
		catch (RuntimeException ex) {
			String line = "workshop: progress not sent (" + ex.toString().lines().findFirst().orElse("")
					+ "); grading is unaffected";
			out.println(line);
			return Optional.of(new WorkshopPublisher.Outcome(false, line, Duration.ZERO));
		}
	}

	private static int usage(PrintStream out) {
		out.println(
				"""
						usage: ./learn workshop join <broker-url> <name>   broker-url: stomp://user:password@host[:port]/workshop
						       ./learn workshop status | leave
						       ./learn workshop board [--port=8090]        (instructors)""");
		return 2;
	}

}
