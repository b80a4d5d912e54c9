package dev.wslab.kit.grading;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exercises track's quiet console: a stub's TODO is one log line, and an ungraded
 * test's failure is one line with the whole failure as its cause.
 */
class QuietLogTests {

	private final LoggerContext logging = new LoggerContext();

	private final Logger logger = this.logging.getLogger("app.Handler");

	@Test
	void logsAnExceptionCausedByATodoStubAsOneLine() {
		Exception wrapped = new IllegalStateException("Handler failed",
				new UnsupportedOperationException("TODO(2.1): echo the text\nsecond line"));

		String logged = convert(new LoggingEvent("x", this.logger, Level.ERROR, "Closing session", wrapped, null));

		assertThat(logged).isEqualTo(
				" ← UnsupportedOperationException: TODO(2.1): echo the text (a TODO stub: stack trace left out)");
	}

	@Test
	void logsAnyOtherExceptionWithItsWholeStackTrace() {
		String logged = convert(new LoggingEvent("x", this.logger, Level.ERROR, "Closing session",
				new IllegalStateException("a real bug"), null));

		assertThat(logged).startsWith("\njava.lang.IllegalStateException: a real bug")
			.contains("\tat dev.wslab.kit.grading.QuietLogTests.");
	}

	@Test
	void cutsAnUngradedFailureToItsFirstLineAndKeepsItAsTheCause() {
		AssertionError failure = new AssertionError("""
				Case 2.2.1 (RFC 6455 §5.2): a masked text frame
				Connection closed before the response head ended.
				Transcripts:
				  0 ms → GET /echo HTTP/1.1""");

		Throwable brief = BriefFailures.shorten(failure);

		assertThat(brief).hasMessage("Case 2.2.1 (RFC 6455 §5.2): a masked text frame (in full in the test report)")
			.hasCause(failure);
		assertThat(BriefFailures.shorten(new AssertionError("one line"))).hasMessage("one line");
	}

	private String convert(LoggingEvent event) {
		TodoStackTraceConverter converter = new TodoStackTraceConverter();
		converter.setContext(this.logging);
		converter.start();
		return converter.convert(event);
	}

}
