package dev.wslab.kit.workshop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.infra.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker that is down or silent never fails a participant's build. */
class WorkshopPublisherTests {

	private final Catalog catalog = Catalog.load(Path.of(System.getProperty("wslab.root", "..")));

	@Test
	void aBrokerThatIsDownCostsOneLineAndTheScoreboardStepGoesOn(@TempDir Path root) throws Exception {
		Path results = recordedRun(root);
		ByteArrayOutputStream console = new ByteArrayOutputStream();

		Optional<WorkshopPublisher.Outcome> outcome = Workshop.afterScoreboard(this.catalog, root, "phase1-protocol",
				results, "exercises", joined(FreePorts.next()), new PrintStream(console, true, StandardCharsets.UTF_8));

		assertThat(outcome).hasValueSatisfying((sent) -> assertThat(sent.delivered()).isFalse());
		assertThat(console.toString(StandardCharsets.UTF_8).lines()).singleElement()
			.asString()
			.startsWith("workshop: progress not sent (127.0.0.1:")
			.endsWith("grading is unaffected, the board just misses this run");
		System.out.println("broker down: gave up after " + outcome.get().elapsed().toMillis() + " ms");
	}

	@Test
	void aBrokerThatAcceptsButNeverAnswersIsGivenUpOnWithinTheBound(@TempDir Path root) throws Exception {
		Path results = recordedRun(root);
		ByteArrayOutputStream console = new ByteArrayOutputStream();

		try (ServerSocket silent = new ServerSocket(0); Socket ignored = null) {
			Optional<WorkshopPublisher.Outcome> outcome = Workshop.afterScoreboard(this.catalog, root,
					"phase1-protocol", results, "exercises", joined(silent.getLocalPort()),
					new PrintStream(console, true, StandardCharsets.UTF_8), Duration.ofSeconds(2));

			assertThat(outcome).hasValueSatisfying((sent) -> {
				assertThat(sent.delivered()).isFalse();
				assertThat(sent.line()).contains("no answer within 2000 ms");
				// The bound is 2 s; shutting Netty's loop down may add a little.
				assertThat(sent.elapsed()).isLessThan(Duration.ofSeconds(5));
			});
			System.out.println("silent broker: gave up after " + outcome.get().elapsed().toMillis() + " ms");
		}
	}

	@Test
	void aParticipantWhoDidNotJoinPublishesNothing(@TempDir Path root) throws Exception {
		ByteArrayOutputStream console = new ByteArrayOutputStream();

		assertThat(Workshop.afterScoreboard(this.catalog, root, "phase1-protocol", recordedRun(root), "exercises",
				Map.of(), new PrintStream(console, true, StandardCharsets.UTF_8)))
			.isEmpty();
		assertThat(console.size()).isZero();
	}

	@Test
	void joiningSaysWhatLeavesTheMachineAndWhatNever(@TempDir Path root) {
		ByteArrayOutputStream console = new ByteArrayOutputStream();

		int code = Workshop.run(root,
				java.util.List.of("join", "stomp://p:pw@127.0.0.1:" + FreePorts.next() + "/room1", "alice"), Map.of(),
				new PrintStream(console, true, StandardCharsets.UTF_8));

		assertThat(code).isZero();
		assertThat(console.toString(StandardCharsets.UTF_8)).contains("sent:", "your name, the phase",
				"first failing grader", "never sent: your source code, file paths", "progress not sent");
		assertThat(root.resolve(WorkshopSettings.FILE)).exists();
	}

	private static Map<String, String> joined(int port) {
		return Map.of("WSLAB_WORKSHOP_URL", "stomp://p:pw@127.0.0.1:" + port + "/room1", "WSLAB_WORKSHOP_NAME",
				"alice");
	}

	/** What the kit's listener writes for a run where 1.1 passed and 1.2 failed. */
	private static Path recordedRun(Path root) throws Exception {
		Path dir = Files.createDirectories(root.resolve("scoreboard"));
		Files.writeString(dir.resolve("outcomes-1.json"),
				"""
						[{"testClass":"dev.wslab.protocol.handshake.AcceptKeyGraderTests","name":"accepts()","status":"PASSED","infrastructure":false},
						 {"testClass":"dev.wslab.protocol.handshake.HandshakeValidatorGraderTests","name":"refuses()",
						  "status":"FAILED","failure":"Expected 426","todo":"1.2","infrastructure":false}]
						""");
		return dir;
	}

}
