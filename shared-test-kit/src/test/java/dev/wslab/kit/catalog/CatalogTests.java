package dev.wslab.kit.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspace's own catalog is consistent: every exercise has a starter with its TODO
 * and a reference answer, graders to run, hints, and a line in the README.
 */
class CatalogTests {

	private final Path root = Catalog.findRoot(Path.of(System.getProperty("wslab.root", ".")));

	private final Catalog catalog = Catalog.load(this.root);

	@Test
	void everyExerciseHasAStarterThatThrowsItsTodoAndASolutionWithout() throws Exception {
		for (Exercise exercise : this.catalog.exercises()) {
			for (String file : exercise.files()) {
				Path starter = this.root.resolve("exercises").resolve(file);
				Path solution = this.root.resolve("solutions").resolve(file);
				assertThat(starter).as("starter of %s", exercise.id()).exists();
				assertThat(solution).as("solution of %s", exercise.id()).exists();
				assertThat(Files.readString(starter)).as("starter of %s", exercise.id())
					.contains("TODO(" + exercise.id() + ")");
				if (file.endsWith(".java")) {
					assertThat(Files.readString(starter)).as("starter of %s", exercise.id())
						.contains("throw new UnsupportedOperationException(");
				}
				assertThat(Files.readString(solution)).as("solution of %s", exercise.id())
					.doesNotContain("TODO(" + exercise.id() + ")");
			}
		}
	}

	@Test
	void everyExerciseHasGradersTwoOrThreeHintsAndAReference() {
		Set<String> ids = new HashSet<>();
		for (Exercise exercise : this.catalog.exercises()) {
			assertThat(ids.add(exercise.id())).as("id %s is unique", exercise.id()).isTrue();
			assertThat(exercise.graders()).as("graders of %s", exercise.id()).isNotEmpty();
			assertThat(exercise.hints()).as("hints of %s", exercise.id()).hasSizeBetween(2, 3);
			assertThat(exercise.reference().url()).as("reference of %s", exercise.id()).startsWith("https://");
			assertThat(this.root.resolve(exercise.phase())).as("phase module of %s", exercise.id()).isDirectory();
		}
	}

	@Test
	void theReadmeListsEveryExerciseByIdAndTitle() throws Exception {
		String readme = Files.readString(this.root.resolve("README.md"));

		for (Exercise exercise : this.catalog.exercises()) {
			assertThat(readme).as("README row for %s", exercise.id())
				.contains("| " + exercise.id() + " | " + exercise.title() + " |");
		}
	}

}
