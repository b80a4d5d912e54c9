package dev.wslab.kit.grading;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A {@link ServerLog} on standard error: while open, everything written there still goes
 * where it went, and the first line that reports an exception (such as
 * {@code ws-connection-3 failed: java.lang.UnsupportedOperationException: TODO(1.12): ...})
 * is kept.
 */
final class StandardErrorLog extends OutputStream implements ServerLog {

	private static final Pattern EXCEPTION = Pattern.compile("\\b[\\w.$]*(Exception|Error)\\b");

	private static final int MAX_LINE = 4096;

	private final PrintStream original;

	private PrintStream installed;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private volatile String first;

	private StandardErrorLog(PrintStream original) {
		this.original = original;
	}

	static StandardErrorLog open() {
		StandardErrorLog log = new StandardErrorLog(System.err);
		log.installed = new PrintStream(log, true, StandardCharsets.UTF_8);
		System.setErr(log.installed);
		return log;
	}

	@Override
	public synchronized void write(int b) {
		this.original.write(b);
		record(b);
	}

	@Override
	public synchronized void write(byte[] bytes, int offset, int length) {
		this.original.write(bytes, offset, length);
		for (int i = offset; i < offset + length; i++) {
			record(bytes[i]);
		}
	}

	@Override
	public void flush() {
		this.original.flush();
	}

	private void record(int b) {
		if (b == '\n') {
			String text = this.line.toString(StandardCharsets.UTF_8).stripTrailing();
			this.line.reset();
			if (this.first == null && EXCEPTION.matcher(text).find()) {
				this.first = text;
			}
		}
		else if (this.line.size() < MAX_LINE) {
			this.line.write(b);
		}
	}

	@Override
	public Throwable firstException() {
		String text = this.first;
		return (text != null) ? new ServerError(text) : null;
	}

	@Override
	public void close() {
		// Unless the test has put another stream in place since.
		if (System.err == this.installed) {
			System.setErr(this.original);
		}
	}

	/** A line the server printed to standard error, standing for its exception. */
	static final class ServerError extends RuntimeException {

		ServerError(String line) {
			super(line, null, false, false);
		}

		@Override
		public String toString() {
			return getMessage();
		}

	}

}
