package dev.wslab.kit.grading;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServerLog} on Logback: an appender on the root logger that keeps the first
 * exception logged, and the first of each exercise's starters ({@code TODO(id)}).
 */
final class LogbackServerLog extends AppenderBase<ILoggingEvent> implements ServerLog {

	private static final Pattern TODO = Pattern.compile("TODO\\((\\d+\\.\\d+)\\)");

	private final AtomicReference<Throwable> first = new AtomicReference<>();

	private final Map<String, Throwable> firstTodos = new ConcurrentHashMap<>();

	static LogbackServerLog open() {
		LogbackServerLog log = new LogbackServerLog();
		log.setName("wslab-grades");
		log.setContext(root().getLoggerContext());
		log.start();
		root().addAppender(log);
		return log;
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getThrowableProxy() instanceof ThrowableProxy proxy) {
			this.first.compareAndSet(null, proxy.getThrowable());
			for (Throwable cause = proxy.getThrowable(); cause != null; cause = cause.getCause()) {
				Matcher todo = TODO.matcher(String.valueOf(cause.getMessage()));
				if (todo.find()) {
					this.firstTodos.putIfAbsent(todo.group(1), proxy.getThrowable());
					break;
				}
			}
		}
	}

	@Override
	public Throwable firstException() {
		return this.first.get();
	}

	@Override
	public Throwable firstTodo(String exercise) {
		return this.firstTodos.get(exercise);
	}

	@Override
	public void close() {
		root().detachAppender(this);
		stop();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
