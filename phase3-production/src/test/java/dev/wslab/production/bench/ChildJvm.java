package dev.wslab.production.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JVM started by the capacity benchmark (a server or a client), driven by one-line
 * commands on its standard input and answering with lines on its standard output. Every
 * wait is bounded; the child exits when its standard input closes, so it never outlives
 * the benchmark.
 */
final class ChildJvm implements AutoCloseable {

	private final String name;

	private final Process process;

	private final PrintWriter input;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private ChildJvm(String name, Process process) {
		this.name = name;
		this.process = process;
		this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		Thread.ofVirtual().name(name + "-output").start(this::pump);
	}

	/**
	 * Starts {@code main} in a new JVM with this JVM's class path.
	 * @param name a label for log lines
	 * @param flags JVM flags
	 * @param main the main class
	 * @param args its arguments
	 * @return the started child
	 * @throws IOException if it cannot be started
	 */
	static ChildJvm start(String name, List<String> flags, Class<?> main, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		command.addAll(flags);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		return new ChildJvm(name, new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/**
	 * The child's resident set, read from outside so that a child out of descriptors can
	 * still be measured.
	 * @return VmRSS in bytes
	 * @throws IOException if it cannot be read
	 */
	long rss() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + this.process.pid() + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
			}
		}
		throw new IOException("no VmRSS for " + this.name);
	}

	/**
	 * The CPU time the child has used so far, user and system, from
	 * {@code /proc/<pid>/stat}.
	 * @return CPU time in milliseconds, or 0 if it has gone
	 */
	long cpuMillis() {
		return cpuMillis(this.process.pid());
	}

	/**
	 * The CPU time a process has used so far, user and system.
	 * @param pid the process
	 * @return CPU time in milliseconds, or 0 if it cannot be read
	 */
	static long cpuMillis(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// Fields after the command name, which is in brackets and may hold spaces;
			// utime and stime are fields 14 and 15 (proc(5)), in clock ticks of 10 ms.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * The child's open descriptors, counted from outside.
	 * @return how many it holds
	 * @throws IOException if they cannot be listed
	 */
	long openFiles() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/" + this.process.pid() + "/fd"))) {
			return descriptors.count();
		}
	}

	/**
	 * Sends a command and waits for the line that answers it.
	 * @param command the command
	 * @param answer the prefix of the answer line
	 * @param timeout how long to wait
	 * @return the answer line split on spaces, prefix first
	 * @throws IOException if no answer came in time
	 */
	String[] ask(String command, String answer, Duration timeout) throws IOException {
		this.input.println(command);
		return awaitLine(answer, timeout).split(" ");
	}

	/**
	 * Waits for a line that starts with {@code prefix}, echoing other lines with this
	 * child's name.
	 * @param prefix the expected prefix
	 * @param timeout how long to wait
	 * @return the line
	 * @throws IOException if it did not come in time
	 */
	String awaitLine(String prefix, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				String line = this.lines.poll(1, TimeUnit.SECONDS);
				if (line == null && !this.process.isAlive() && this.lines.isEmpty()) {
					throw new IOException(this.name + " exited before answering " + prefix);
				}
				if (line == null && System.nanoTime() > deadline) {
					throw new IOException(this.name + " did not answer " + prefix + " within " + timeout);
				}
				if (line == null) {
					continue;
				}
				if (line.startsWith(prefix)) {
					return line;
				}
				System.out.println("   [" + this.name + "] " + line);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private void pump() {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = output.readLine()) != null;) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// The child is gone; awaitLine times out.
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.input.println("quit");
		this.input.close();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * The child side: reads commands until {@code quit} or the end of standard input, and
	 * stops the JVM after {@code maxSeconds} whatever happens.
	 * @param handler answers one command
	 */
	static void serveCommands(CommandHandler handler) {
		Duration limit = Duration.ofSeconds(Long.getLong("bench.maxSeconds", 900));
		// A safety net, not synchronisation: no child outlives a run that went wrong.
		Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory())
			.schedule(() -> Runtime.getRuntime().halt(3), limit.toSeconds(), TimeUnit.SECONDS);
		try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			for (String line; (line = commands.readLine()) != null && !line.equals("quit");) {
				try {
					System.out.println(handler.handle(line.split(" ")));
				}
				catch (Exception ex) {
					System.out.println("ERROR " + ex);
				}
			}
		}
		catch (Exception ex) {
			ex.printStackTrace();
		}
		Runtime.getRuntime().halt(0);
	}

	/** Answers one command from the benchmark with one line. */
	@FunctionalInterface
	interface CommandHandler {

		String handle(String[] command) throws Exception;

	}

}
