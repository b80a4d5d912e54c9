package dev.wslab.kit.infra;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds local programs such as {@code nginx} or {@code rabbitmq-server} and says how to
 * install the ones that are missing.
 */
public final class Binaries {

	private Binaries() {
	}

	/**
	 * Returns the first executable among the candidates, searching {@code PATH} for bare
	 * names.
	 * @param candidates absolute paths or bare program names, in order of preference
	 * @return the executable, if any candidate exists
	 */
	public static Optional<Path> find(List<String> candidates) {
		return find(candidates, System.getenv().getOrDefault("PATH", ""));
	}

	static Optional<Path> find(List<String> candidates, String searchPath) {
		for (String candidate : candidates) {
			if (candidate.contains("/")) {
				Path path = Path.of(candidate);
				if (Files.isExecutable(path)) {
					return Optional.of(path);
				}
				continue;
			}
			for (String dir : searchPath.split(File.pathSeparator)) {
				if (dir.isBlank()) {
					continue;
				}
				Path path = Path.of(dir, candidate);
				if (Files.isExecutable(path)) {
					return Optional.of(path);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the executable or fails with the command that installs it.
	 * @param what a short name for the program, used in the message
	 * @param installCommand the exact command that installs it
	 * @param candidates absolute paths or bare program names, in order of preference
	 * @return the executable
	 * @throws InfrastructureUnavailableException if none of the candidates exists
	 */
	public static Path require(String what, String installCommand, List<String> candidates) {
		return find(candidates).orElseThrow(() -> new InfrastructureUnavailableException(
				what + " is needed by this grader but was not found (looked for " + String.join(", ", candidates)
						+ ") and no Docker engine answered. Install it with:\n    " + installCommand
						+ "\nor start Docker, then run the build again. './learn doctor' checks everything at once."));
	}

}
