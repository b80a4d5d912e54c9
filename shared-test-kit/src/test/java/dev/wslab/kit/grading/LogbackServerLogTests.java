package dev.wslab.kit.grading;

import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server log a grader reads keeps listening when the app under test resets Logback,
 * as Spring Boot does when the first test of a class starts the app.
 */
class LogbackServerLogTests {

	private final Logger server = (Logger) LoggerFactory.getLogger("app.RoomController");

	@Test
	void findsATodoLoggedAfterLogbackWasReset() {
		try (LogbackServerLog log = LogbackServerLog.open()) {
			this.server.getLoggerContext().reset();

			this.server.error("Unhandled exception from message handler method",
					new UnsupportedOperationException("TODO(2.4): accept a room message"));

			assertThat(log.firstTodo("2.4")).hasMessageContaining("TODO(2.4)");
		}
	}

	@Test
	void findsATodoLoggedAfterLogbackWasStoppedAndStartedAgain() {
		try (LogbackServerLog log = LogbackServerLog.open()) {
			LoggerContext context = this.server.getLoggerContext();
			// What Spring Boot does when an app starts after another one in the JVM
			// closed.
			context.stop();
			context.reset();
			context.start();

			// The log comes back on its own thread, a moment after the start.
			await("the server log listening again").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				this.server.error("Servlet.service() threw exception",
						new UnsupportedOperationException("TODO(3.15): open the stream"));
				assertThat(log.firstTodo("3.15")).hasMessageContaining("TODO(3.15)");
			});
		}
	}

	@Test
	void waitsWithinItsBoundForAnExceptionLoggedByAnotherThread() throws InterruptedException {
		try (LogbackServerLog log = LogbackServerLog.open()) {
			assertThat(log.awaitException(Duration.ofMillis(50))).isFalse();

			Thread server = Thread.ofPlatform()
				.start(() -> this.server.warn("Unhandled exception after connection closed",
						new UnsupportedOperationException("TODO(2.8): write the rules")));

			assertThat(log.awaitException(Duration.ofSeconds(10))).isTrue();
			assertThat(log.firstTodo("2.8")).hasMessageContaining("TODO(2.8)");
			server.join();
		}
	}

	@Test
	void stopsListeningOnceClosed() {
		LogbackServerLog log = LogbackServerLog.open();
		log.close();
		LoggerContext context = this.server.getLoggerContext();
		context.reset();

		this.server.error("late", new UnsupportedOperationException("TODO(2.4): too late"));

		assertThat(log.firstTodo("2.4")).isNull();
	}

}
