package dev.wslab.kit.grading;

import org.springframework.util.ClassUtils;

/**
 * Collects what a graded app logs with an exception during one test. A Spring app closes
 * a session whose handler throws (code 1011) and logs the exception, so a client sees
 * only the close; this puts the exception, often a stub's {@code TODO}, beside the
 * grader's failure. Works with Logback, Spring Boot's default; on a class path without it
 * there is nothing to collect.
 */
interface ServerLog extends AutoCloseable {

	/**
	 * Returns the first exception logged since this log was opened, or null.
	 * @return the exception
	 */
	Throwable firstException();

	@Override
	void close();

	/**
	 * Starts collecting.
	 * @return the log; close it to stop
	 */
	static ServerLog open() {
		if (ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", ServerLog.class.getClassLoader())
				&& org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback")) {
			return LogbackServerLog.open();
		}
		return new ServerLog() {
			@Override
			public Throwable firstException() {
				return null;
			}

			@Override
			public void close() {
			}
		};
	}

}
