package dev.wslab.kit.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Starts helper programs (RabbitMQ, Nginx) as tagged child processes, stops them, and
 * removes what a killed test JVM left behind.
 *
 * <p>
 * Two marks find an instance's processes again, because neither alone is enough:
 * <ul>
 * <li>a {@code pids} file in the instance's state directory records the process the kit
 * started, with its start time; the process and its descendants belong to the instance
 * (Nginx rewrites its own environment for its process title, so only this mark finds
 * it);</li>
 * <li>the environment variable {@value #OWNER_VARIABLE}, set to
 * {@code <jvm pid>@<jvm start millis>/<instance>}, is inherited by every child, including
 * daemons such as Erlang's {@code epmd} that leave the process tree.</li>
 * </ul>
 * Stopping an instance, and cleaning up after a test JVM that is gone, use both, so
 * nothing outlives the build. State directories live under {@link #stateRoot()}, named
 * after their owner.
 */
public final class LocalProcesses {

	/** The environment variable that marks processes started by the kit. */
	public static final String OWNER_VARIABLE = "WSLAB_KIT_OWNER";

	private static final String OWNER = ownerOf(ProcessHandle.current());

	private static final AtomicBoolean CLEANED = new AtomicBoolean();

	private LocalProcesses() {
	}

	/**
	 * Returns the directory where the kit keeps per-instance state (data, logs,
	 * configuration).
	 * @return the state root, created if needed
	 */
	public static Path stateRoot() {
		// One root per user, readable by that user alone: its pids files decide what gets
		// killed.
		Path root = Path.of(System.getProperty("java.io.tmpdir"), "wslab-kit-" + System.getProperty("user.name"));
		try {
			Files.createDirectories(root);
			try {
				Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system: the directory keeps its default permissions.
			}
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Creates a fresh state directory for one instance owned by this JVM.
	 * @param instance a short name such as {@code rabbitmq-1}
	 * @return the new directory
	 */
	public static Path newStateDir(String instance) {
		cleanupLeftovers();
		try {
			return Files.createDirectories(stateDir(instance));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a tagged process whose output goes to a log file.
	 * @param instance the instance name that {@link #stop(String, Duration)} uses later
	 * @param builder the command; its environment and redirects are completed here
	 * @param log where standard output and error go
	 * @return the started process
	 */
	public static Process start(String instance, ProcessBuilder builder, Path log) {
		cleanupLeftovers();
		builder.environment().put(OWNER_VARIABLE, OWNER + "/" + instance);
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		try {
			Process process = builder.start();
			Files.writeString(stateDir(instance).resolve("pids"), mark(process.toHandle()) + "\n",
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			return process;
		}
		catch (IOException ex) {
			throw new InfrastructureUnavailableException("Could not start " + builder.command(), ex);
		}
	}

	/**
	 * Stops every process of one instance: a polite SIGTERM first, SIGKILL after the
	 * grace period.
	 * @param instance the name given to {@link #start(String, ProcessBuilder, Path)}
	 * @param grace how long to wait before killing
	 */
	public static void stop(String instance, Duration grace) {
		terminate(processesOf(instance), grace);
	}

	/**
	 * Returns the live processes of one instance of this JVM.
	 * @param instance the instance name
	 * @return the processes, possibly none
	 */
	public static List<ProcessHandle> processesOf(String instance) {
		Set<ProcessHandle> found = new LinkedHashSet<>(recorded(stateDir(instance)));
		found.addAll(tagged(OWNER + "/" + instance));
		return List.copyOf(found);
	}

	/**
	 * Kills the processes and deletes the state directories left by test JVMs that no
	 * longer run. Runs once per JVM, before the first process is started; calling it
	 * again forces another pass.
	 * @return how many leftover processes were killed
	 */
	public static int cleanupLeftovers() {
		if (!CLEANED.compareAndSet(false, true)) {
			return 0;
		}
		return forceCleanupLeftovers();
	}

	/**
	 * Runs the leftover cleanup now, whether or not it already ran in this JVM.
	 * @return how many leftover processes were killed
	 */
	public static int forceCleanupLeftovers() {
		List<ProcessHandle> orphans = leftovers();
		terminate(orphans, Duration.ZERO);
		for (Path dir : deadOwnersStateDirs()) {
			try {
				deleteRecursively(dir);
			}
			catch (IOException ex) {
				// A state directory we cannot delete is not worth failing a test over.
			}
		}
		return orphans.size();
	}

	/**
	 * Returns the kit-started processes whose test JVM is gone.
	 * @return the leftover processes, possibly none
	 */
	public static List<ProcessHandle> leftovers() {
		Set<ProcessHandle> found = new LinkedHashSet<>();
		deadOwnersStateDirs().forEach((dir) -> found.addAll(recorded(dir)));
		allTagged().stream().filter((process) -> !isAlive(process.owner())).map(Tagged::handle).forEach(found::add);
		return List.copyOf(found);
	}

	private static Path stateDir(String instance) {
		return stateRoot().resolve(OWNER.replace('@', '-') + "-" + instance);
	}

	private static List<Path> deadOwnersStateDirs() {
		List<Path> dead = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(stateRoot())) {
			for (Path dir : dirs) {
				String name = dir.getFileName().toString();
				int dash = name.indexOf('-', name.indexOf('-') + 1);
				if (dash > 0 && !isAlive(name.substring(0, dash).replaceFirst("-", "@"))) {
					dead.add(dir);
				}
			}
		}
		catch (IOException ex) {
			// Nothing readable, nothing to clean.
		}
		return dead;
	}

	/**
	 * The processes a state directory's {@code pids} file names, still alive, with their
	 * descendants.
	 */
	private static List<ProcessHandle> recorded(Path dir) {
		Path pids = dir.resolve("pids");
		if (!Files.exists(pids)) {
			return List.of();
		}
		List<ProcessHandle> found = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(pids)) {
				String[] parts = line.trim().split(" ");
				if (parts.length != 2) {
					continue;
				}
				ProcessHandle.of(Long.parseLong(parts[0]))
					.filter(ProcessHandle::isAlive)
					.filter((handle) -> mark(handle).equals(line.trim()))
					.ifPresent((root) -> {
						found.add(root);
						root.descendants().forEach(found::add);
					});
			}
		}
		catch (IOException | NumberFormatException ex) {
			// An unreadable record cannot name anything to stop.
		}
		return found;
	}

	private static String mark(ProcessHandle handle) {
		return handle.pid() + " " + handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
	}

	/**
	 * Returns this JVM's owner mark, {@code <pid>@<start millis>}, which also labels the
	 * kit's containers.
	 * @return the owner mark
	 */
	public static String owner() {
		return OWNER;
	}

	/**
	 * Returns whether the JVM named by an owner mark still runs.
	 * @param owner a mark from {@link #owner()}
	 * @return true if that very JVM is alive
	 */
	public static boolean ownerAlive(String owner) {
		return isAlive(owner);
	}

	static String ownerOf(ProcessHandle handle) {
		long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
		return handle.pid() + "@" + started;
	}

	static boolean isAlive(String owner) {
		int at = owner.indexOf('@');
		if (at < 0) {
			return false;
		}
		try {
			long pid = Long.parseLong(owner.substring(0, at));
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.map(LocalProcesses::ownerOf)
				.filter(owner::equals)
				.isPresent();
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static List<ProcessHandle> tagged(String tag) {
		return allTagged().stream().filter((process) -> process.tag().equals(tag)).map(Tagged::handle).toList();
	}

	private static List<Tagged> allTagged() {
		Path proc = Path.of("/proc");
		if (!Files.isDirectory(proc)) {
			return List.of();
		}
		List<Tagged> result = new ArrayList<>();
		try (Stream<Path> entries = Files.list(proc)) {
			entries.filter((p) -> p.getFileName().toString().chars().allMatch(Character::isDigit))
				.forEach((p) -> readTag(p)
					.ifPresent((tag) -> ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
						.ifPresent((handle) -> result.add(new Tagged(handle, tag)))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return result;
	}

	private static Optional<String> readTag(Path procEntry) {
		try {
			byte[] environ = Files.readAllBytes(procEntry.resolve("environ"));
			String prefix = OWNER_VARIABLE + "=";
			for (String variable : new String(environ, StandardCharsets.UTF_8).split("\0")) {
				if (variable.startsWith(prefix)) {
					return Optional.of(variable.substring(prefix.length()));
				}
			}
		}
		catch (IOException | SecurityException ex) {
			// Not ours to read, or already gone.
		}
		return Optional.empty();
	}

	private static void terminate(List<ProcessHandle> processes, Duration grace) {
		if (grace.isPositive()) {
			processes.forEach(ProcessHandle::destroy);
			for (ProcessHandle process : processes) {
				try {
					process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (Exception ex) {
					break;
				}
			}
		}
		processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : processes) {
			try {
				process.onExit().get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// Reported by the caller's own checks if it matters.
			}
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private record Tagged(ProcessHandle handle, String tag) {

		String owner() {
			int slash = tag.indexOf('/');
			return slash < 0 ? tag : tag.substring(0, slash);
		}

	}

}
