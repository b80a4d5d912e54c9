package dev.wslab.kit.rabbitmq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.wslab.kit.infra.Containers;
import dev.wslab.kit.infra.Docker;
import dev.wslab.kit.infra.LocalProcesses;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Private infrastructure stops without leaving anything behind, and what a killed test
 * JVM left is cleaned up by the next run: processes on the local provider, containers
 * (found by their label, since Ryuk may be off) on the Docker one. Runs on whichever
 * provider the kit chose.
 */
class InfrastructureLifecycleTests {

	/**
	 * A private broker for drills restarts like a real one: stopped, it refuses
	 * connections; started again, it answers on the same ports (a relay reconnects to the
	 * host and port it was given) and still knows the users added before, because its
	 * data was kept. Then it stops for good with everything it started. One broker for
	 * both, for the build's time: a RabbitMQ start is the slow part.
	 */
	@Test
	void aPrivateBrokerRestartsKeepingItsPortsAndUsersThenStopsWithEverythingItStarted() throws IOException {
		RabbitMqBroker broker = RabbitMq.startPrivate();
		try {
			String password = UUID.randomUUID().toString();
			broker.addUser("kit-restart", password);
			int stompPortBefore = broker.stompPort();
			int amqpPortBefore = broker.amqpPort();

			RabbitMq.stopKeepingData(broker);

			assertThat(accepts(broker.host(), stompPortBefore)).as("a connection to the stopped broker's STOMP port")
				.isFalse();

			RabbitMq.startAgain(broker);

			assertThat(broker.stompPort()).isEqualTo(stompPortBefore);
			assertThat(broker.amqpPort()).isEqualTo(amqpPortBefore);
			assertThat(StompPing.connects(broker.host(), stompPortBefore, "kit-restart", password))
				.as("a STOMP CONNECT as the user added before the restart")
				.isTrue();

			List<ProcessHandle> running = List.of();
			if (broker instanceof LocalRabbitMqNode node) {
				running = node.processes();
				assertThat(running).as("beam and epmd of the private node").hasSizeGreaterThanOrEqualTo(2);
				assertThat(running)
					.anySatisfy((process) -> assertThat(process.info().command().orElse("")).endsWith("epmd"));
			}
			else {
				assertThat(containerExists(((ContainerRabbitMq) broker).containerId())).as("the broker's container")
					.isTrue();
			}
			String containerId = (broker instanceof ContainerRabbitMq container) ? container.containerId() : null;
			String host = broker.host();
			int stompPort = broker.stompPort();

			RabbitMq.stop(broker);

			await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(host, stompPort));
			if (broker instanceof LocalRabbitMqNode node) {
				assertThat(node.processes()).isEmpty();
				assertThat(running).noneMatch(ProcessHandle::isAlive);
			}
			else {
				assertThat(containerExists(containerId)).as("the broker's container after the stop").isFalse();
			}
		}
		finally {
			RabbitMq.stop(broker);
		}
	}

	@Test
	void leftoversOfAKilledTestJvmAreCleanedUpByTheNextRun() throws Exception {
		String java = ProcessHandle.current().info().command().orElseThrow();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				LeftoverMaker.class.getName())
			.redirectErrorStream(true)
			.start();
		int[] ports;
		try {
			ports = readyPorts(child);
		}
		finally {
			// Killed in every case: a child left running would keep its RabbitMQ and
			// Nginx alive.
			child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		boolean containers = Docker.available();

		assertThat(accepts(ports[0])).as("the orphaned RabbitMQ still listens after its JVM was killed").isTrue();
		assertThat(accepts(ports[1])).as("the orphaned Nginx still listens after its JVM was killed").isTrue();
		assertThat(containers ? Containers.leftovers() : LocalProcesses.leftovers()).isNotEmpty();

		int removed = containers ? Containers.forceCleanupLeftovers() : LocalProcesses.forceCleanupLeftovers();

		// Local: beam, epmd and nginx's master and worker; Docker: the two containers.
		assertThat(removed).isGreaterThanOrEqualTo(containers ? 2 : 3);
		// Only the provider's own kind: on a shared machine, another checkout's killed
		// JVM
		// may leave processes at any moment, which the Docker path does not touch.
		assertThat(containers ? Containers.leftovers() : LocalProcesses.leftovers()).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(ports[0]) && !accepts(ports[1]));
	}

	private static boolean containerExists(String id) {
		try {
			DockerClientFactory.instance().client().inspectContainerCmd(id).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	private static int[] readyPorts(Process child) throws Exception {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder output = new StringBuilder();
		String ready = CompletableFuture.supplyAsync(() -> {
			try {
				for (String line; (line = reader.readLine()) != null;) {
					output.append(line).append('\n');
					if (line.startsWith("READY ")) {
						return line;
					}
				}
				return null;
			}
			catch (IOException ex) {
				return null;
			}
		}).get(120, TimeUnit.SECONDS);
		assertThat(ready).as("child JVM output:\n%s", output).isNotNull();
		String[] parts = ready.split(" ");
		return new int[] { Integer.parseInt(parts[1]), Integer.parseInt(parts[2]) };
	}

	private static boolean accepts(int port) {
		return accepts(InetAddress.getLoopbackAddress().getHostAddress(), port);
	}

	private static boolean accepts(String host, int port) {
		try (Socket socket = new Socket(host, port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
