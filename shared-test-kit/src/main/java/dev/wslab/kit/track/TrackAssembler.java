package dev.wslab.kit.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;

/**
 * Builds the sources a phase compiles when an instructor swaps in chosen solutions
 * ({@code -Dsolve=1.1,1.3}): the learner's exercises tree, with the files of those
 * exercises taken from the solutions tree. The learner's files are never touched. A
 * track's {@code src/main/resources} (3.17's page script) is assembled the same way,
 * beside the sources.
 */
public final class TrackAssembler {

	private TrackAssembler() {
	}

	/**
	 * Entry point for the build.
	 * @param args the workspace root, the phase module, the comma-separated exercise ids,
	 * the output directory for the sources and, optionally, the one for the resources
	 */
	public static void main(String[] args) {
		Path root = Path.of(args[0]);
		List<String> used = assemble(Catalog.load(root), root, args[1], Arrays.asList(args[2].split(",")),
				Path.of(args[3]), (args.length > 4) ? Path.of(args[4]) : null);
		used.forEach((line) -> System.out.println("[wslab] " + line));
	}

	static List<String> assemble(Catalog catalog, Path root, String phase, List<String> ids, Path out) {
		return assemble(catalog, root, phase, ids, out, null);
	}

	static List<String> assemble(Catalog catalog, Path root, String phase, List<String> ids, Path out,
			Path resourcesOut) {
		List<String> report = new ArrayList<>();
		try {
			deleteRecursively(out);
			copyTree(root.resolve("exercises").resolve(phase).resolve("src/main/java"), out);
			if (resourcesOut != null) {
				deleteRecursively(resourcesOut);
				copyTree(root.resolve("exercises").resolve(phase).resolve("src/main/resources"), resourcesOut);
			}
			for (String id : ids.stream().map(String::trim).filter((id) -> !id.isEmpty()).toList()) {
				Exercise exercise = catalog.byId(id)
					.orElseThrow(() -> new IllegalArgumentException(
							"-Dsolve names exercise " + id + ", which catalog.json does not have"));
				if (!exercise.phase().equals(phase)) {
					continue;
				}
				String prefix = phase + "/src/main/java/";
				String resources = phase + "/src/main/resources/";
				for (String file : exercise.files()) {
					boolean resource = file.startsWith(resources);
					if (resource && resourcesOut == null) {
						continue;
					}
					Path target = resource ? resourcesOut.resolve(file.substring(resources.length()))
							: out.resolve(file.substring(prefix.length()));
					Files.createDirectories(target.getParent());
					Files.copy(root.resolve("solutions").resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
				}
				report.add(phase + ": using the reference solution of " + id + " (" + exercise.title() + ")");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return report;
	}

	private static void copyTree(Path from, Path to) throws IOException {
		if (!Files.isDirectory(from)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
