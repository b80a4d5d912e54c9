package dev.wslab.production.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What every benchmark of this package does around its results file: it keeps the
 * hand-written reading of the last results when it writes new ones, and it stops by
 * itself after {@code -DmaxMinutes}, whatever happens.
 */
final class ResultsFile {

	private ResultsFile() {
	}

	/**
	 * The section of a results file that a person wrote, from its heading to the end.
	 * @param file the results file, which may not exist yet
	 * @param heading the section's heading, such as {@code ## Reading it}
	 * @return the section with a blank line before it, or "" when there is none
	 * @throws IOException if the file cannot be read
	 */
	static String keptSection(Path file, String heading) throws IOException {
		if (!Files.exists(file)) {
			return "";
		}
		String old = Files.readString(file);
		return old.contains(heading) ? "\n" + old.substring(old.indexOf(heading)) : "";
	}

	/**
	 * Halts this JVM after {@code -DmaxMinutes}: a benchmark that went wrong does not run
	 * on (its child JVMs stop when their standard input closes).
	 * @param defaultMinutes the limit when {@code -DmaxMinutes} is not given
	 */
	static void stopAfterMaxMinutes(long defaultMinutes) {
		Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory())
			.schedule(() -> Runtime.getRuntime().halt(4), Long.getLong("maxMinutes", defaultMinutes), TimeUnit.MINUTES);
	}

}
