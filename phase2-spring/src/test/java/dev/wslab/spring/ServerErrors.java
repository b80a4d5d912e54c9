package dev.wslab.spring;

import java.util.Optional;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.LoggerFactory;

/**
 * Shows what went wrong inside the server when a grader fails. Spring closes a session
 * whose handler throws (code 1011) and logs the exception; a client only sees the close.
 * This extension collects what was logged with an exception during the test and attaches
 * the first one to the grader's failure, so a stub's {@code TODO} reaches the report.
 */
public final class ServerErrors implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerErrors.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		root().addAppender(appender);
		context.getStore(NAMESPACE).put("appender", appender);
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		Optional<Throwable> inside = logged(context);
		if (inside.isEmpty()) {
			throw failure;
		}
		AssertionError combined = new AssertionError(failure.getMessage() + "\nInside the server: " + inside.get(),
				inside.get());
		combined.addSuppressed(failure);
		throw combined;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		root().detachAppender(appender(context));
	}

	@SuppressWarnings("unchecked")
	private static ListAppender<ILoggingEvent> appender(ExtensionContext context) {
		return context.getStore(NAMESPACE).get("appender", ListAppender.class);
	}

	private static Optional<Throwable> logged(ExtensionContext context) {
		for (ILoggingEvent event : appender(context).list) {
			if (event.getThrowableProxy() instanceof ThrowableProxy proxy) {
				return Optional.of(proxy.getThrowable());
			}
		}
		return Optional.empty();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
