package dev.wslab.kit.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.infra.LocalProcesses;
import dev.wslab.kit.mutation.ExerciseStrength.Mutant;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One PIT run for one exercise, in its own JVM on this JVM's class path: PIT mutates the
 * classes of the exercise's files and runs the exercise's graders, and nothing else,
 * against each mutant.
 */
final class PitRun {

	/**
	 * The PIT runs under way. A runner that ends early (an exception in another run, a
	 * Ctrl-C) stops them, with their minions: left alone they would go on for up to
	 * {@link Settings#maxMinutes()} each, writing into reports nobody reads (seen: a run
	 * of 3.11 still going 58 minutes after its runner had failed).
	 */
	private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(PitRun::stop), "wslab-pit-stop"));
	}

	/** What PIT logs when the exercise's classes give it nothing to mutate. */
	private static final String NO_MUTATIONS = "No mutations found";

	private static final String PIT_MAIN = "org.pitest.mutationtest.commandline.MutationCoverageReport";

	private final Settings settings;

	PitRun(Settings settings) {
		this.settings = settings;
	}

	ExerciseStrength run(Exercise exercise) {
		Path dir = this.settings.out().resolve(exercise.id());
		long start = System.nanoTime();
		try {
			Files.createDirectories(dir);
			Path log = dir.resolve("pit.log");
			Process process = new ProcessBuilder(command(exercise, dir)).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			RUNNING.add(process);
			boolean ended = process.waitFor(this.settings.maxMinutes(), TimeUnit.MINUTES);
			if (!ended) {
				stop(process);
			}
			RUNNING.remove(process);
			if (!ended) {
				throw new IllegalStateException("PIT on " + exercise.id() + " ran longer than "
						+ this.settings.maxMinutes() + " min; see " + log);
			}
			// A minion PIT ends for its timeout halts without the kit's shutdown hooks
			// and leaves what its graders started (RabbitMQ, epmd, Redis) running. Their
			// owner is gone, so they are leftovers now.
			LocalProcesses.forceCleanupLeftovers();
			Path xml = dir.resolve("mutations.xml");
			if (process.exitValue() == 0 && !Files.exists(xml) && Files.readString(log).contains(NO_MUTATIONS)) {
				// A class of fluent configuration calls only: every call returns a value,
				// and PIT's default mutators remove only void calls.
				return new ExerciseStrength(exercise, 0, 0, List.of(), List.of(),
						TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
			}
			if (process.exitValue() != 0 || !Files.exists(xml)) {
				throw new IllegalStateException(
						"PIT on " + exercise.id() + " failed (exit " + process.exitValue() + "); see " + log);
			}
			long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
			return read(exercise, xml, seconds);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private List<String> command(Exercise exercise, Path dir) {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), PIT_MAIN));
		command.add("--reportDir=" + dir);
		command.add("--targetClasses=" + String.join(",", classGlobs(exercise)));
		command.add("--targetTests=" + String.join(",", graderGlobs(exercise)));
		command.add("--mutableCodePaths=" + this.settings.classes());
		command.add("--sourceDirs=" + this.settings.sources());
		command.add("--outputFormats=XML,HTML");
		command.add("--timestampedReports=false");
		command.add("--threads=" + this.settings.threads());
		command.add("--timeoutConst=" + this.settings.timeoutConst());
		// A configuration class made only of chained builder calls may give PIT nothing
		// to
		// mutate: that is a row of zero mutants, not a failed run.
		command.add("--failWhenNoMutations=false");
		if (this.settings.unitSize() > 0) {
			command.add("--mutationUnitSize=" + this.settings.unitSize());
		}
		if (this.settings.unitSize() == 1) {
			command.add("--jvmArgs=-D" + FreshSpringContexts.PROPERTY + "=true");
		}
		return command;
	}

	/**
	 * The classes of an exercise's Java files, with their nested classes; none for an
	 * exercise that is not Java (3.4's Nginx configuration), which PIT cannot mutate.
	 */
	static List<String> classGlobs(Exercise exercise) {
		List<String> globs = new ArrayList<>();
		for (String file : exercise.files()) {
			if (!file.endsWith(".java")) {
				continue;
			}
			String path = file.substring(file.indexOf("/src/main/java/") + "/src/main/java/".length());
			String name = path.substring(0, path.length() - ".java".length()).replace('/', '.');
			globs.add(name);
			globs.add(name + "$*");
		}
		return globs;
	}

	/** The exercise's grader classes, with their nested test classes. */
	static List<String> graderGlobs(Exercise exercise) {
		List<String> globs = new ArrayList<>();
		for (String grader : exercise.graders()) {
			globs.add(grader);
			globs.add(grader + "$*");
		}
		return globs;
	}

	static ExerciseStrength read(Exercise exercise, Path xml, long seconds) {
		try {
			NodeList mutations = DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(xml.toFile())
				.getElementsByTagName("mutation");
			int killed = 0;
			List<Mutant> survivors = new ArrayList<>();
			for (int i = 0; i < mutations.getLength(); i++) {
				Element mutation = (Element) mutations.item(i);
				if (Boolean.parseBoolean(mutation.getAttribute("detected"))) {
					killed++;
				}
				else {
					String className = text(mutation, "mutatedClass");
					survivors.add(new Mutant(className.substring(className.lastIndexOf('.') + 1),
							text(mutation, "mutatedMethod"), Integer.parseInt(text(mutation, "lineNumber")),
							shortDescription(text(mutation, "description")), mutation.getAttribute("status")));
				}
			}
			return new ExerciseStrength(exercise, mutations.getLength(), killed, survivors, List.of(), seconds);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + xml + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * PIT ends some descriptions with the mutated method's full name; the table has it.
	 */
	static String shortDescription(String description) {
		int owner = description.indexOf(" for ");
		return (owner < 0) ? description : description.substring(0, owner);
	}

	private static String text(Element parent, String tag) {
		return parent.getElementsByTagName(tag).item(0).getTextContent();
	}

	/**
	 * How PIT runs.
	 *
	 * @param out where each exercise's report directory goes
	 * @param classes the compiled classes that may be mutated
	 * @param sources the track's sources, for the HTML report
	 * @param threads PIT's worker threads
	 * @param timeoutConst the constant part of PIT's timeout, in milliseconds
	 * @param unitSize how many mutants one PIT minion JVM tests, 0 for PIT's default; 1
	 * gives each mutant a fresh JVM, and with it {@link FreshSpringContexts}, so code
	 * that runs once per JVM (a Spring context, which the test framework caches) runs
	 * mutated
	 * @param maxMinutes the most one exercise's run may take before it counts as broken
	 */
	record Settings(Path out, Path classes, Path sources, int threads, int timeoutConst, int unitSize,
			long maxMinutes) {
	}

}
