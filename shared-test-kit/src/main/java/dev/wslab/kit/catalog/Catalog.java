package dev.wslab.kit.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one machine-readable list of exercises, {@code catalog.json} at the workspace root.
 * The scoreboard, the learner commands, the track assembler and the starter check all
 * read it.
 *
 * @param exercises the exercises in teaching order
 */
public record Catalog(List<Exercise> exercises) {

	/** The catalog's file name at the workspace root. */
	public static final String FILE = "catalog.json";

	/**
	 * Reads the catalog of a workspace.
	 * @param root the workspace root
	 * @return the catalog
	 */
	public static Catalog load(Path root) {
		Path file = root.resolve(FILE);
		if (!Files.exists(file)) {
			throw new IllegalStateException("No " + FILE + " at " + root.toAbsolutePath());
		}
		// An exercise without "stretch" is a required one.
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build()
			.readValue(file.toFile(), Catalog.class);
	}

	/**
	 * Returns the exercises of one phase module, in teaching order.
	 * @param phase the module name
	 * @return the exercises
	 */
	public List<Exercise> ofPhase(String phase) {
		return this.exercises.stream().filter((exercise) -> exercise.phase().equals(phase)).toList();
	}

	/**
	 * Finds an exercise by id.
	 * @param id such as {@code 1.1}
	 * @return the exercise, if any
	 */
	public Optional<Exercise> byId(String id) {
		return this.exercises.stream().filter((exercise) -> exercise.id().equals(id)).findFirst();
	}

	/**
	 * Returns the exercise a test class grades, if any.
	 * @param className the test class
	 * @return the exercise
	 */
	public Optional<Exercise> gradedBy(String className) {
		return this.exercises.stream().filter((exercise) -> exercise.isGradedBy(className)).findFirst();
	}

	/**
	 * Finds the workspace root from a starting directory by looking upwards for the
	 * catalog.
	 * @param start where to start
	 * @return the root
	 */
	public static Path findRoot(Path start) {
		for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.exists(dir.resolve(FILE))) {
				return dir;
			}
		}
		throw new IllegalStateException("No " + FILE + " found above " + start.toAbsolutePath());
	}

}
