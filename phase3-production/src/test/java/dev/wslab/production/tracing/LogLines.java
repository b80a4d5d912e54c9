package dev.wslab.production.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * The tracing package's log lines, with their MDC as it was on the logging thread. The
 * instances of a test share one JVM and one log, so each line is told apart by the
 * instance name in its MDC.
 */
final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	/** One line: which instance, which trace, what it says. */
	record Line(String instance, String traceId, String logger, String message) {

		@Override
		public String toString() {
			return "[" + this.instance + " " + this.traceId + "] " + this.logger + " : " + this.message;
		}

	}

	private final List<Line> lines = new CopyOnWriteArrayList<>();

	private final Logger logger;

	private final Level level;

	private LogLines(Logger logger) {
		this.logger = logger;
		this.level = logger.getLevel();
	}

	/**
	 * Captures a package's lines at DEBUG until closed; start the instances first (their
	 * start resets the logging configuration).
	 * @param name the logger, such as a package name
	 * @return the capture, started
	 */
	static LogLines capture(String name) {
		Logger logger = (Logger) LoggerFactory.getLogger(name);
		LogLines capture = new LogLines(logger);
		capture.setContext(logger.getLoggerContext());
		capture.start();
		logger.addAppender(capture);
		logger.setLevel(Level.DEBUG);
		return capture;
	}

	@Override
	protected void append(ILoggingEvent event) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		this.lines.add(new Line(mdc.get(TracedHandling.INSTANCE), mdc.get("traceId"), event.getLoggerName(),
				event.getFormattedMessage()));
	}

	/**
	 * Returns the lines an instance logged in a trace.
	 * @param instance the instance's name
	 * @param traceId the trace id
	 * @return the lines, in order
	 */
	List<Line> of(String instance, String traceId) {
		return this.lines.stream()
			.filter((line) -> instance.equals(line.instance()) && traceId.equals(line.traceId()))
			.toList();
	}

	/**
	 * Returns every line captured, for a failure message.
	 * @return the lines
	 */
	List<Line> all() {
		return List.copyOf(this.lines);
	}

	@Override
	public void close() {
		this.logger.detachAppender(this);
		this.logger.setLevel(this.level);
		stop();
	}

}
