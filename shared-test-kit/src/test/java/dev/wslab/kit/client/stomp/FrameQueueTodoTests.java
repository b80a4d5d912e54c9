package dev.wslab.kit.client.stomp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.client.ws.Transcript;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * A grader waiting for a frame stops as soon as the graded exercise's own starter has
 * thrown its TODO on the server, instead of sitting out its bound; another exercise's
 * TODO does not cut the wait short. The example graders run in a JUnit launcher of their
 * own, with a one-exercise catalog.
 */
class FrameQueueTodoTests {

	/** Far longer than either example grader needs: reaching it is the failure. */
	static final Duration BOUND = Duration.ofSeconds(30);

	@TempDir
	Path root;

	@Test
	void aWaitEndsWithTheGradedExercisesOwnTodoInsteadOfItsBound() throws IOException {
		Throwable failure = run(OwnTodoGrader.class);

		assertThat(failure).isNotNull();
		assertThat(String.valueOf(failure.getMessage()))
			.contains("Nothing arrived on /topic/room.a: the server threw TODO(3.3): keep the message in Redis")
			.doesNotContain("within " + BOUND.toMillis() + " ms");
		assertThat(failure).hasRootCauseMessage("TODO(3.3): keep the message in Redis");
	}

	@Test
	void anotherExercisesTodoLeavesTheWaitToItsFrame() throws IOException {
		Throwable failure = run(OtherTodoGrader.class);

		assertThat(failure).as("the frame that came after another exercise's TODO was returned").isNull();
	}

	private Throwable run(Class<?> grader) throws IOException {
		Files.writeString(this.root.resolve(Catalog.FILE),
				"""
						{"exercises": [{"id": "3.3", "phase": "phase3-production", "title": "The message log in Redis",
						  "concept": "history", "files": ["phase3-production/src/main/java/x/MessageLog.java"],
						  "graders": ["x.MessageLogGraderTests"], "hints": ["Append, then trim."],
						  "reference": {"title": "Redis streams", "url": "https://redis.io/docs/latest/develop/data-types/streams/"}}]}
						""");
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		Launcher launcher = LauncherFactory
			.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
		launcher.execute(request().selectors(selectClass(grader))
			.configurationParameters(Map.of("wslab.root", this.root.toString(), "wslab.failures", "brief"))
			.build(), new TestExecutionListener() {
				@Override
				public void executionFinished(TestIdentifier test, TestExecutionResult result) {
					result.getThrowable().ifPresent(failures::add);
				}
			});
		assertThat(failures).as("failures of " + grader.getSimpleName()).hasSizeLessThanOrEqualTo(1);
		return failures.isEmpty() ? null : failures.get(0);
	}

	@Grades("3.3")
	static class OwnTodoGrader {

		@Test
		void waitsForTheRoomMessage() {
			FrameQueue room = new FrameQueue("/topic/room.a", new Transcript());
			// The server's handler fails a moment after the grader starts waiting.
			CompletableFuture.runAsync(
					() -> LoggerFactory.getLogger("app.Chat")
						.error("handler failed",
								new IllegalStateException("Failed to handle the SEND",
										new UnsupportedOperationException("TODO(3.3): keep the message in Redis"))),
					CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

			room.next(BOUND);
		}

	}

	@Grades("3.3")
	static class OtherTodoGrader {

		@Test
		void waitsForTheRoomMessage() {
			FrameQueue room = new FrameQueue("/topic/room.a", new Transcript());
			LoggerFactory.getLogger("app.Chat")
				.error("handler failed", new UnsupportedOperationException("TODO(3.5): refuse a flooder"));
			CompletableFuture.runAsync(() -> room.add(new ReceivedFrame("MESSAGE", Map.of(), "hello")),
					CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

			assertThat(room.next(BOUND).body()).isEqualTo("hello");
		}

	}

}
