package dev.wslab.kit.rabbitmq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.infra.Docker;
import dev.wslab.kit.infra.LocalProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local-process provider starts private nodes, stops them without leaving a process
 * behind, and cleans up after a test JVM that was killed. Where a Docker engine answers,
 * the kit uses Testcontainers instead and these tests report themselves disabled with
 * that reason.
 */
@EnabledIf(value = "localProviderInUse",
		disabledReason = "a Docker engine answers, so the kit uses Testcontainers here")
class LocalProcessLifecycleTests {

	@Test
	void privateNodeStopsWithEveryProcessItStartedIncludingEpmd() {
		LocalRabbitMqNode node = new LocalRabbitMqNode().start(Duration.ofSeconds(90));
		try {
			List<ProcessHandle> running = node.processes();
			assertThat(running).as("beam and epmd of the private node").hasSizeGreaterThanOrEqualTo(2);
			assertThat(running)
				.anySatisfy((process) -> assertThat(process.info().command().orElse("")).endsWith("epmd"));

			node.stop();

			assertThat(node.processes()).isEmpty();
			assertThat(running).noneMatch(ProcessHandle::isAlive);
		}
		finally {
			node.stop();
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

		assertThat(accepts(ports[0])).as("the orphaned RabbitMQ still listens after its JVM was killed").isTrue();
		assertThat(accepts(ports[1])).as("the orphaned Nginx still listens after its JVM was killed").isTrue();
		assertThat(LocalProcesses.leftovers()).isNotEmpty();

		int killed = LocalProcesses.forceCleanupLeftovers();

		assertThat(killed).isGreaterThanOrEqualTo(3);
		assertThat(LocalProcesses.leftovers()).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(ports[0]) && !accepts(ports[1]));
	}

	static boolean localProviderInUse() {
		return !Docker.available();
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
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
