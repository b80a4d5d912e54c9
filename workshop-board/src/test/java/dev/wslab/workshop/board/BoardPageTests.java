package dev.wslab.workshop.board;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Page;
import dev.wslab.kit.browser.WithChromium;
import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.rabbitmq.RabbitMq;
import dev.wslab.kit.rabbitmq.RabbitMqBroker;
import dev.wslab.kit.rabbitmq.WithRabbitMq;
import dev.wslab.kit.workshop.ProgressEvent;
import dev.wslab.kit.workshop.Workshop;
import dev.wslab.kit.workshop.WorkshopPublisher;
import dev.wslab.kit.workshop.WorkshopSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Participants' real publishes, through the kit's publisher and the README's users on a
 * real RabbitMQ, show up live on the board page in Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRabbitMq
@WithChromium
@ExtendWith(OutputCaptureExtension.class)
class BoardPageTests {

	private static final String WORKSHOP = "room" + UUID.randomUUID().toString().substring(0, 6);

	private static final Path ROOT = Path.of(System.getProperty("wslab.root", ".."));

	// A bound, not a delay: generous, so that a busy machine does not fail the test.
	private static final Duration WAIT = Duration.ofSeconds(30);

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		RabbitMqBroker broker = RabbitMq.shared();
		WorkshopUsers.create(broker);
		boardProperties(broker).forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void participantsRunsShowUpLiveOnThePage(Page page, @TempDir Path dirs) throws Exception {
		RabbitMqBroker broker = RabbitMq.shared();
		page.navigate("http://localhost:" + this.port + "/");
		assertThat(page.locator("#status")).containsText("live");
		Workshop.run(dirs, List.of("join", WorkshopUsers.url(broker, WORKSHOP), "carol"), Map.of(), System.out);

		publishRun(broker, "alice", dirs.resolve("alice"), true, false);
		long start = System.nanoTime();
		WorkshopPublisher.Outcome bob = publishRun(broker, "bob", dirs.resolve("bob"), false, false);
		long sent = System.nanoTime();
		assertThat(page.locator("tr[data-participant=bob] td[data-exercise='1.1']")).hasAttribute("data-state",
				"WORKING");
		long shown = System.nanoTime();

		assertThat(bob.delivered()).as(bob.line()).isTrue();
		assertThat(page.locator("tr[data-participant=alice] td[data-exercise='1.1']")).hasAttribute("data-state",
				"DONE");
		assertThat(page.locator("tr[data-participant=alice] td[data-exercise='1.2']")).hasAttribute("data-state",
				"WORKING");
		assertThat(page.locator("#summary-body tr[data-exercise='1.2'] .common")).containsText(
				"HandshakeValidatorGraderTests › refusesAWrongVersion() (2): Expected 426 for version 12, got 101");
		assertThat(page.locator("#summary-body tr[data-exercise='1.1'] .done")).hasText("1");
		assertThat(page.locator("#summary-body tr[data-exercise='1.1'] .working")).hasText("1");
		assertThat(page.locator("#idle li", new Page.LocatorOptions().setHasText("carol"))).hasCount(1);
		System.out.printf(
				"board latency: bob's scoreboard publish took %d ms (receipt included); page updated %d ms"
						+ " after the receipt, %d ms after the publish began%n",
				(sent - start) / 1_000_000, (shown - sent) / 1_000_000, (shown - start) / 1_000_000);
	}

	@Test
	void aFailureOlderThanTheLimitIsRed(Page page) {
		RabbitMqBroker broker = RabbitMq.shared();
		WorkshopSettings dave = WorkshopUsers.participant(broker, WORKSHOP, "dave");
		// A recorded event: dave has failed 1.3 since 25 minutes ago (the limit is 10).
		ProgressEvent recorded = new ProgressEvent(1, "run", WORKSHOP, "dave", "phase1-protocol", "exercises",
				Instant.now().minus(Duration.ofMinutes(25)),
				List.of(new ProgressEvent.ExerciseStatus("1.3", "FAILED", 2, 9, new ProgressEvent.FirstFailure(
						"FrameCodecGraderTests › masksClientFrames()", "Expected a masked frame, got mask bit 0"))));
		page.navigate("http://localhost:" + this.port + "/");

		assertThat(WorkshopPublisher.publish(dave, recorded, WorkshopUsers.WAIT).delivered()).isTrue();

		assertThat(page.locator("tr[data-participant=dave] td[data-exercise='1.3']")).hasAttribute("data-state",
				"STUCK");
		assertThat(page.locator("#summary-body tr[data-exercise='1.3'] .stuck")).hasText("1");
	}

	@Test
	void junkOnTheExchangeIsDroppedWithOneLogLineEachAndTheBoardKeepsServing(Page page, CapturedOutput output) {
		RabbitMqBroker broker = RabbitMq.shared();
		String to = "/exchange/wslab.workshop/" + WORKSHOP + ".mallory";
		StompHeaders login = new StompHeaders();
		login.setLogin(WorkshopUsers.PARTICIPANT);
		login.setPasscode(WorkshopUsers.PASSWORD);
		login.setHost(broker.virtualHost());
		try (StompTestSession mallory = StompTestClient.overTcp(broker.host(), broker.stompPort(), login, WAIT)) {
			mallory.sendJson(to, "this is not JSON");
			mallory.sendJson(to, "{\"v\":1,\"kind\":\"run\",\"pad\":\"" + "x".repeat(40_000) + "\"}");
			mallory.sendJson(to, """
					{"v":1,"kind":"joined","workshop":"%s","participant":"alice","at":"2025-05-01T09:00:00Z"}"""
				.formatted(WORKSHOP));
		}
		WorkshopSettings erin = WorkshopUsers.participant(broker, WORKSHOP, "erin");
		WorkshopPublisher.publish(erin, ProgressEvent.joined(erin, Instant.now()), WorkshopUsers.WAIT);
		page.navigate("http://localhost:" + this.port + "/");

		assertThat(page.locator("#idle li", new Page.LocatorOptions().setHasText("erin"))).hasCount(1);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(output.getOut().lines().filter((line) -> line.contains("Dropped an event")))
				.hasSize(3)
				.anySatisfy((line) -> assertThat(line).contains("malformed"))
				.anySatisfy((line) -> assertThat(line).contains("oversized: 40"))
				.anySatisfy((line) -> assertThat(line).contains("does not match " + WORKSHOP + ".alice")));
	}

	@Test
	void aRestartedBoardRebuildsTheRoomFromTheStream() {
		RabbitMqBroker broker = RabbitMq.shared();
		WorkshopSettings frank = WorkshopUsers.participant(broker, WORKSHOP, "frank");
		WorkshopPublisher.Outcome joined = WorkshopPublisher.publish(frank, ProgressEvent.joined(frank, Instant.now()),
				WorkshopUsers.WAIT);
		assertThat(joined.delivered()).as(joined.line()).isTrue();
		RestClient running = RestClient.create("http://localhost:" + this.port);
		await().atMost(WAIT).until(() -> running.get().uri("/room").retrieve().body(String.class).contains("frank"));
		String before = running.get().uri("/room").retrieve().body(String.class);

		try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(BoardApp.class)
			.properties(boardProperties(broker))
			// An argument, so that it wins over application.properties' 8090.
			.run("--server.port=0")) {
			RestClient client = RestClient
				.create("http://localhost:" + restarted.getEnvironment().getProperty("local.server.port"));

			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(client.get().uri("/room").retrieve().body(RoomView.class).rows())
					.extracting(RoomView.Row::participant)
					.containsAll(running.get()
						.uri("/room")
						.retrieve()
						.body(RoomView.class)
						.rows()
						.stream()
						.map(RoomView.Row::participant)
						.toList())
					.contains("frank"));
		}
		assertThat(before).contains("frank");
	}

	private static Map<String, Object> boardProperties(RabbitMqBroker broker) {
		return Map.of("spring.rabbitmq.host", broker.host(), "spring.rabbitmq.port", broker.amqpPort(),
				"spring.rabbitmq.username", WorkshopUsers.BOARD, "spring.rabbitmq.password", WorkshopUsers.PASSWORD,
				"spring.rabbitmq.virtual-host", broker.virtualHost(), "wslab.board.binding-key", WORKSHOP + ".*",
				"wslab.board.catalog", ROOT.resolve(Catalog.FILE).toString());
	}

	/** A phase's real scoreboard step: the listener's outcomes, then the publish. */
	private static WorkshopPublisher.Outcome publishRun(RabbitMqBroker broker, String name, Path dir, boolean acceptKey,
			boolean handshake) throws Exception {
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("outcomes-1.json"),
				"""
						[{"testClass":"dev.wslab.protocol.handshake.AcceptKeyGraderTests","name":"acceptsTheRfcExample()",
						  "status":"%s","failure":"Expected s3pPLMBiTxaQ9kYGzzhZRbK+xOo= in /home/%s/AcceptKey.java","infrastructure":false},
						 {"testClass":"dev.wslab.protocol.handshake.HandshakeValidatorGraderTests","name":"refusesAWrongVersion()",
						  "status":"%s","failure":"Expected 426 for version 12, got 101","infrastructure":false}]
						"""
					.formatted(acceptKey ? "PASSED" : "FAILED", name, handshake ? "PASSED" : "FAILED"));
		return Workshop
			.afterScoreboard(Catalog.load(ROOT), dir, "phase1-protocol", dir, "exercises",
					WorkshopUsers.joined(broker, WORKSHOP, name), System.out, WorkshopUsers.WAIT)
			.orElseThrow();
	}

}
