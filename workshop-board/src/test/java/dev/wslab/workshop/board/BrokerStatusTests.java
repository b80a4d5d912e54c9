package dev.wslab.workshop.board;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wslab.kit.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The instructor's console stays readable while the broker is away: one line per change,
 * never a stack trace per retry (the listener container retries every 5 s).
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerStatusTests {

	private static final Path ROOT = Path.of(System.getProperty("wslab.root", ".."));

	@Test
	void aBrokerThatIsAwaySaysSoOnceNotOnEveryRetry(CapturedOutput output) throws IOException {
		int closedPort = closedPort();
		AtomicInteger retries = new AtomicInteger();
		ApplicationListener<ListenerContainerConsumerFailedEvent> counter = (event) -> retries.incrementAndGet();

		try (ConfigurableApplicationContext board = new SpringApplicationBuilder(BoardApp.class).listeners(counter)
			.properties(Map.of("spring.rabbitmq.addresses", "127.0.0.1:" + closedPort, "wslab.board.catalog",
					ROOT.resolve(Catalog.FILE).toString()))
			// An argument, so that it wins over application.properties' 8090.
			.run("--server.port=0")) {
			// Three failed tries: the first and two retries, 5 s apart.
			await().atMost(Duration.ofSeconds(60)).until(() -> retries.get() >= 3);
			String unreachable = "Cannot read the room's events from 127.0.0.1:" + closedPort;

			String port = board.getEnvironment().getProperty("local.server.port");
			assertThat(output.getOut()).contains("Board on http://localhost:" + port + "/")
				.containsOnlyOnce(unreachable)
				.contains("Connection refused", "Retrying every 5 s")
				.doesNotContain("Spring Boot ::", "Failed to check/redeclare", "Consumer raised exception")
				.doesNotContainPattern("\\tat org\\.springframework\\.amqp");

			// Back, then away again: one line for each change.
			board.publishEvent(new ConsumeOkEvent(this, "wslab.workshop.board", "amq.ctag-1"));
			board.publishEvent(new ConsumeOkEvent(this, "wslab.workshop.board", "amq.ctag-1"));
			board.publishEvent(new ListenerContainerConsumerFailedEvent(this, "Consumer raised exception",
					new java.net.ConnectException("Connection refused"), false));
			assertThat(output.getOut().lines().filter((line) -> line.contains("Reading the room's events from")))
				.hasSize(1);
			assertThat(output.getOut().lines().filter((line) -> line.contains(unreachable))).hasSize(2);
			assertThat(board.getBean(BrokerStatus.class).state()).isEqualTo(BrokerStatus.State.UNREACHABLE);
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
