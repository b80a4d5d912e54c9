package dev.wslab.kit.grading;

import java.time.Duration;

import org.springframework.util.ClassUtils;

/**
 * Collects what a graded server reported going wrong during one test. A Spring app closes
 * a session whose handler throws (code 1011) and logs the exception; Phase 1's
 * hand-written server prints {@code ws-connection-N failed: ...} to standard error. A
 * client sees only the close, so this puts the server's side, often a stub's
 * {@code TODO}, beside the grader's failure.
 */
interface ServerLog extends AutoCloseable {

	/**
	 * Returns the first exception logged since this log was opened, or null.
	 * @return the exception
	 */
	Throwable firstException();

	/**
	 * Returns the first exception logged since this log was opened that comes from the
	 * given exercise's starter ({@code TODO(id)}), or null. Another exercise's starter
	 * that logs on every connection must not hide the one being graded.
	 * @param exercise the exercise id, such as {@code 3.5}
	 * @return the exception
	 */
	default Throwable firstTodo(String exercise) {
		return null;
	}

	/**
	 * Waits, within a bound, for the server to log its first exception. A server that
	 * closes a connection logs why a moment after the client has seen the close, so a
	 * test can fail before the cause is in the log.
	 * @param wait the bound
	 * @return whether an exception has been logged
	 */
	default boolean awaitException(Duration wait) {
		return firstException() != null;
	}

	@Override
	void close();

	/**
	 * Starts collecting: Logback's events when Logback is the logging back end (Spring
	 * Boot's default), and always the lines written to standard error.
	 * @return the log; close it to stop
	 */
	static ServerLog open() {
		ServerLog errors = StandardErrorLog.open();
		if (!ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", ServerLog.class.getClassLoader())
				|| !org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback")) {
			return errors;
		}
		ServerLog logback = LogbackServerLog.open();
		return new ServerLog() {
			@Override
			public Throwable firstException() {
				Throwable logged = logback.firstException();
				return (logged != null) ? logged : errors.firstException();
			}

			@Override
			public Throwable firstTodo(String exercise) {
				return logback.firstTodo(exercise);
			}

			@Override
			public boolean awaitException(Duration wait) {
				return errors.firstException() != null || logback.awaitException(wait);
			}

			@Override
			public void close() {
				logback.close();
				errors.close();
			}
		};
	}

}
