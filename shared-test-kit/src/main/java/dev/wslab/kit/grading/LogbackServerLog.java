package dev.wslab.kit.grading;

import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * A {@link ServerLog} on Logback: an appender on the root logger that keeps the first
 * exception logged.
 */
final class LogbackServerLog extends AppenderBase<ILoggingEvent> implements ServerLog {

	private final AtomicReference<Throwable> first = new AtomicReference<>();

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
		}
	}

	@Override
	public Throwable firstException() {
		return this.first.get();
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
