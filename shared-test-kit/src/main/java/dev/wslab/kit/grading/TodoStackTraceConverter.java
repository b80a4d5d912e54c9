package dev.wslab.kit.grading;

import java.util.regex.Pattern;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * A Logback converter for a graded app's log: an exception caused by a starter's
 * {@code TODO(id)} stub is written as one line after the message, because its stack trace
 * teaches nothing and, logged once per test connection, buries the scoreboard. Any other
 * exception is written in full on the lines below, as Logback's {@code %xEx} does.
 *
 * <pre class="code">
 * &lt;conversionRule conversionWord="todoEx" class="dev.wslab.kit.grading.TodoStackTraceConverter"/&gt;
 * &lt;pattern&gt;%d %5p %logger{39} : %m%todoEx%n&lt;/pattern&gt;
 * </pre>
 */
public class TodoStackTraceConverter extends ExtendedThrowableProxyConverter {

	private static final Pattern TODO = Pattern.compile("TODO\\(\\d+\\.\\d+\\)");

	@Override
	public String convert(ILoggingEvent event) {
		IThrowableProxy thrown = event.getThrowableProxy();
		if (thrown == null) {
			return "";
		}
		IThrowableProxy todo = todo(thrown, 0);
		if (todo != null) {
			return " ← " + simpleName(todo.getClassName()) + ": " + firstLine(todo.getMessage())
					+ " (a TODO stub: stack trace left out)";
		}
		String trace = super.convert(event);
		return CoreConstants.LINE_SEPARATOR + trace.stripTrailing();
	}

	private static IThrowableProxy todo(IThrowableProxy thrown, int depth) {
		if (thrown == null || depth > 20) {
			return null;
		}
		// The deepest one: the stub's own exception, not a wrapper that quotes it.
		IThrowableProxy found = todo(thrown.getCause(), depth + 1);
		for (int i = 0; found == null && i < thrown.getSuppressed().length; i++) {
			found = todo(thrown.getSuppressed()[i], depth + 1);
		}
		if (found == null && thrown.getMessage() != null && TODO.matcher(thrown.getMessage()).find()) {
			found = thrown;
		}
		return found;
	}

	private static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

	private static String firstLine(String message) {
		return message.strip().lines().findFirst().orElse("");
	}

}
