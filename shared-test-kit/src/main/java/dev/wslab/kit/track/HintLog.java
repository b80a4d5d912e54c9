package dev.wslab.kit.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.wslab.kit.catalog.Exercise;

/**
 * Which hints the learner has read, per exercise: {@code .wslab/hints.properties} at the
 * workspace root, written by {@code ./learn hint} and read by failing graders to show the
 * next one.
 */
public final class HintLog {

	private static final String FILE = ".wslab/hints.properties";

	private final Path file;

	private final Properties seen = new Properties();

	private HintLog(Path file) {
		this.file = file;
	}

	/**
	 * Reads the log of a workspace; a missing file means no hint read yet.
	 * @param root the workspace root
	 * @return the log
	 */
	public static HintLog load(Path root) {
		HintLog log = new HintLog(root.resolve(FILE));
		if (Files.exists(log.file)) {
			try (var reader = Files.newBufferedReader(log.file, StandardCharsets.UTF_8)) {
				log.seen.load(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return log;
	}

	/**
	 * Returns the highest hint level read for an exercise.
	 * @param exercise the exercise
	 * @return 0 if none
	 */
	public int seen(Exercise exercise) {
		try {
			return Integer.parseInt(this.seen.getProperty(exercise.id(), "0").trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * Returns the level of the next unread hint, or the last one when all were read.
	 * @param exercise the exercise
	 * @return a level from 1 to the number of hints
	 */
	public int next(Exercise exercise) {
		return Math.max(1, Math.min(exercise.hints().size(), seen(exercise) + 1));
	}

	/**
	 * Records that a hint level was read, keeping the highest.
	 * @param exercise the exercise
	 * @param level the level read
	 */
	public void markSeen(Exercise exercise, int level) {
		this.seen.setProperty(exercise.id(), String.valueOf(Math.max(level, seen(exercise))));
	}

	/** Writes the log back. */
	public void save() {
		try {
			Files.createDirectories(this.file.getParent());
			try (var writer = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8)) {
				this.seen.store(writer, "hint levels seen per exercise; delete to start over");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
