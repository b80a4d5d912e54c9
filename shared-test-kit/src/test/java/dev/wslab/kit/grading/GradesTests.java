package dev.wslab.kit.grading;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.client.ws.RawWebSocketClient;
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
 * A failing {@code @Grades} test teaches: run in a JUnit launcher of their own, the
 * example graders below fail, and their failures are checked.
 */
class GradesTests {

	@TempDir
	Path root;

	@Test
	void aFailureNamesTheExerciseTheExpectationTheTranscriptAndTheNextUnreadHint() throws IOException {
		workspace("1.1=1");

		Throwable failure = runAndCatch(FailingAcceptKeyGrader.class);

		assertThat(failure).isInstanceOf(GradedFailure.class).hasCauseInstanceOf(AssertionError.class);
		GradedFailure graded = (GradedFailure) failure;
		assertThat(graded.exercise()).isEqualTo("1.1 The accept key");
		assertThat(graded.expected()).startsWith("[the server accepts the upgrade]");
		assertThat(graded.clients()).singleElement().satisfies((client) -> {
			assertThat(client.name()).startsWith("a raw WebSocket client to 127.0.0.1:");
			assertThat(String.join("\n", client.lines())).contains("→ GET /echo HTTP/1.1")
				.contains("← HTTP/1.1 400 Bad Request");
		});
		assertThat(graded.hint()).isEqualTo("2 of 2 ('./learn hint 1.1' marks it read): SHA-1, then base64.");
		assertThat(graded.getMessage()).startsWith("[the server accepts the upgrade]")
			.contains("── Exercise 1.1 The accept key")
			.contains("Transcript of a raw WebSocket client to 127.0.0.1:")
			.contains("← HTTP/1.1 400 Bad Request")
			.endsWith("Next hint: 2 of 2 ('./learn hint 1.1' marks it read): SHA-1, then base64.");
	}

	@Test
	void aFailureShowsTheExceptionTheServerLoggedAndKeepsItsTodoInTheCauses() throws IOException {
		workspace("");

		Throwable failure = runAndCatch(ServerThrowsGrader.class);

		GradedFailure graded = (GradedFailure) failure;
		assertThat(graded.server())
			.isEqualTo("java.lang.UnsupportedOperationException: TODO(1.1): compute the accept key");
		assertThat(graded.getSuppressed()).singleElement().isInstanceOf(UnsupportedOperationException.class);
		assertThat(graded.hint()).startsWith("1 of 2 ('./learn hint 1.1' marks it read): Append the GUID.");
		assertThat(graded.clients()).isEmpty();
	}

	@Test
	void aStubsOwnExceptionIsTheExpectationWithItsTypeAndStaysTheCause() throws IOException {
		workspace("1.1=2");

		Throwable failure = runAndCatch(StubGrader.class);

		assertThat(failure).isInstanceOf(GradedFailure.class).hasCauseInstanceOf(UnsupportedOperationException.class);
		assertThat(((GradedFailure) failure).expected())
			.isEqualTo("UnsupportedOperationException: TODO(1.1): compute the accept key");
		assertThat(((GradedFailure) failure).hint())
			.isEqualTo("2 of 2 (all read; './learn reveal 1.1' shows the answer): SHA-1, then base64.");
	}

	@Test
	void anIdThatIsNotInTheCatalogFailsTheClassAndSaysWhy() throws IOException {
		workspace("");

		Throwable failure = runAndCatch(UnknownExerciseGrader.class);

		assertThat(failure).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("@Grades(\"9.99\")")
			.hasMessageContaining("no exercise 9.99 in");
	}

	@Test
	void clientsOpenedOutsideAGradedTestAreNotRecorded() throws IOException {
		try (ServerSocket server = new ServerSocket(0);
				RawWebSocketClient client = RawWebSocketClient.openTcp("127.0.0.1", server.getLocalPort())) {
			assertThat(ClientTranscripts.snapshot()).isEmpty();
		}
	}

	private void workspace(String hintsSeen) throws IOException {
		Files.writeString(this.root.resolve(Catalog.FILE),
				"""
						{"exercises": [{"id": "1.1", "phase": "phase1-protocol", "title": "The accept key",
						  "concept": "handshake proof", "files": ["phase1-protocol/src/main/java/x/AcceptKey.java"],
						  "graders": ["x.AcceptKeyGraderTests"], "hints": ["Append the GUID.", "SHA-1, then base64."],
						  "reference": {"title": "RFC 6455 §4.2.2", "url": "https://www.rfc-editor.org/rfc/rfc6455#section-4.2.2"}}]}
						""");
		Files.createDirectories(this.root.resolve(".wslab"));
		Files.writeString(this.root.resolve(".wslab/hints.properties"), hintsSeen + "\n");
	}

	private Throwable runAndCatch(Class<?> grader) {
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		Launcher launcher = LauncherFactory
			.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
		launcher.execute(request().selectors(selectClass(grader))
			.configurationParameter("wslab.root", this.root.toString())
			.build(), new TestExecutionListener() {
				@Override
				public void executionFinished(TestIdentifier test, TestExecutionResult result) {
					result.getThrowable().ifPresent(failures::add);
				}
			});
		assertThat(failures).as("failures of " + grader.getSimpleName()).hasSize(1);
		return failures.get(0);
	}

	@Grades("1.1")
	static class FailingAcceptKeyGrader {

		@Test
		void acceptsTheUpgrade() throws IOException {
			try (ServerSocket server = new ServerSocket(0);
					RawWebSocketClient client = RawWebSocketClient.openTcp("127.0.0.1", server.getLocalPort());
					Socket accepted = server.accept()) {
				accepted.getOutputStream()
					.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
						.getBytes(StandardCharsets.ISO_8859_1));

				HttpHead head = client.handshake("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

				assertThat(head.status()).as("the server accepts the upgrade").isEqualTo(101);
			}
		}

	}

	@Grades("1.1")
	static class ServerThrowsGrader {

		@Test
		void answersTheKey() {
			LoggerFactory.getLogger("app.Server")
				.error("handler failed", new UnsupportedOperationException("TODO(1.1): compute the accept key"));

			assertThat("closed 1011").as("the server answers").isEqualTo("101 Switching Protocols");
		}

	}

	@Grades("1.1")
	static class StubGrader {

		@Test
		void callsTheStub() {
			throw new UnsupportedOperationException("TODO(1.1): compute the accept key");
		}

	}

	@Grades("9.99")
	static class UnknownExerciseGrader {

		@Test
		void neverRuns() {
			assertThat(true).isTrue();
		}

	}

}
