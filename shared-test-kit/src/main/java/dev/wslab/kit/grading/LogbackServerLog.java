package dev.wslab.kit.grading;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * A {@link ServerLog} on Logback: an appender on the root logger that keeps the first
 * exception logged, and the first of each exercise's starters ({@code TODO(id)}).
 */
final class LogbackServerLog extends AppenderBase<ILoggingEvent> implements ServerLog, LoggerContextListener {

	private static final Pattern TODO = Pattern.compile("TODO\\((\\d+\\.\\d+)\\)");

	private final AtomicReference<Throwable> first = new AtomicReference<>();

	private final CompletableFuture<Throwable> anyLogged = new CompletableFuture<>();

	private final Map<String, Throwable> firstTodos = new ConcurrentHashMap<>();

	/** How long Logback's stop may take to drop its listeners after telling them. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private static final Duration STOP_POLL = Duration.ofMillis(1);

	private volatile boolean closed;

	static LogbackServerLog open() {
		LogbackServerLog log = new LogbackServerLog();
		log.setName("wslab-grades");
		log.setContext(root().getLoggerContext());
		log.start();
		root().addAppender(log);
		// A Spring app that starts during the test (the first test of a class, say) has
		// Boot reset Logback, which removes every appender: come back after the reset.
		root().getLoggerContext().addListener(log);
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
			// Last, so that a reader woken by it finds the TODO too.
			this.anyLogged.complete(proxy.getThrowable());
		}
	}

	@Override
	public boolean awaitException(Duration wait) {
		try {
			this.anyLogged.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
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
	public synchronized void close() {
		this.closed = true;
		root().getLoggerContext().removeListener(this);
		root().detachAppender(this);
		stop();
	}

	@Override
	public boolean isResetResistant() {
		return true;
	}

	@Override
	public void onReset(LoggerContext context) {
		// The reset has stopped and detached this appender.
		if (!this.closed) {
			start();
			root().addAppender(this);
		}
	}

	@Override
	public void onStart(LoggerContext context) {
	}

	@Override
	public void onStop(LoggerContext context) {
		// A stop drops every listener right after this call, and the reset that follows
		// detaches every appender. Spring Boot does both when it sets logging up again
		// for an app that starts after another one closed (a test that stops an instance
		// and starts the next). So once the stop has dropped this listener, it comes
		// back, and the reset then finds it (onReset).
		if (!this.closed) {
			Thread.ofVirtual().name("wslab-server-log").start(() -> comeBackAfterStop(context));
		}
	}

	private void comeBackAfterStop(LoggerContext context) {
		try {
			await().atMost(STOP_WAIT)
				.pollDelay(Duration.ZERO)
				.pollInterval(STOP_POLL)
				.until(() -> this.closed || !context.getCopyOfListenerList().contains(this));
		}
		catch (ConditionTimeoutException ex) {
			// The stop never dropped the listeners: still listening.
			return;
		}
		synchronized (this) {
			if (!this.closed) {
				context.addListener(this);
				start();
				root().addAppender(this);
			}
		}
	}

	@Override
	public void onLevelChange(Logger logger, Level level) {
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
