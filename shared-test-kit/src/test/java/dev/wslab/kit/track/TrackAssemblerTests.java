package dev.wslab.kit.track;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Swapping in one solution builds from a copy and leaves the learner's files alone. */
class TrackAssemblerTests {

	private static final String ACCEPT = "phase1-protocol/src/main/java/p/AcceptKey.java";

	private static final String DECODER = "phase1-protocol/src/main/java/p/FrameDecoder.java";

	private static final Catalog CATALOG = new Catalog(List.of(exercise("1.1", ACCEPT), exercise("1.3", DECODER)));

	@TempDir
	Path root;

	@Test
	void takesTheChosenExercisesFromSolutionsAndTheRestFromExercises() throws Exception {
		write("exercises/" + ACCEPT, "starter accept");
		write("exercises/" + DECODER, "learner decoder");
		write("solutions/" + ACCEPT, "solution accept");
		write("solutions/" + DECODER, "solution decoder");
		Path out = this.root.resolve("phase1-protocol/target/track-src");

		List<String> report = TrackAssembler.assemble(CATALOG, this.root, "phase1-protocol", List.of("1.1"), out);

		assertThat(out.resolve("p/AcceptKey.java")).hasContent("solution accept");
		assertThat(out.resolve("p/FrameDecoder.java")).hasContent("learner decoder");
		assertThat(this.root.resolve("exercises/" + ACCEPT)).hasContent("starter accept");
		assertThat(report).containsExactly("phase1-protocol: using the reference solution of 1.1 (t1.1)");
	}

	@Test
	void assemblesATracksResourcesBesideItsSources() throws Exception {
		String script = "phase3-production/src/main/resources/static/reconnect.js";
		String other = "phase3-production/src/main/resources/static/other.js";
		Catalog catalog = new Catalog(List.of(new Exercise("3.17", "phase3-production", "t3.17", "c", List.of(script),
				List.of("g"), List.of("h"), new Exercise.Reference("r", "u"), false)));
		write("exercises/" + script, "starter script");
		write("exercises/" + other, "learner's other file");
		write("solutions/" + script, "solution script");
		Path out = this.root.resolve("phase3-production/target/track-src");
		Path resources = this.root.resolve("phase3-production/target/track-resources");

		TrackAssembler.assemble(catalog, this.root, "phase3-production", List.of("3.17"), out, resources);

		assertThat(resources.resolve("static/reconnect.js")).hasContent("solution script");
		assertThat(resources.resolve("static/other.js")).hasContent("learner's other file");
		assertThat(this.root.resolve("exercises/" + script)).hasContent("starter script");
	}

	@Test
	void anUnknownExerciseIdIsAnError() {
		assertThatThrownBy(() -> TrackAssembler.assemble(CATALOG, this.root, "phase1-protocol", List.of("9.9"),
				this.root.resolve("out")))
			.hasMessageContaining("-Dsolve names exercise 9.9");
	}

	private void write(String path, String text) throws Exception {
		Path file = this.root.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	private static Exercise exercise(String id, String file) {
		return new Exercise(id, "phase1-protocol", "t" + id, "c", List.of(file), List.of("g"), List.of("h"),
				new Exercise.Reference("r", "u"), false);
	}

}
