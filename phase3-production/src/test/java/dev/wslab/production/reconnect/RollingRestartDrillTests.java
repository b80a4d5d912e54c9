package dev.wslab.production.reconnect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.nginx.NginxExtension;
import dev.wslab.kit.nginx.NginxProxy;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.cluster.ClusterProxy;
import dev.wslab.production.drain.DrainingShutdown;
import dev.wslab.production.drain.LiveSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two drills of issue 11's zero-downtime rollout, on two instances of their own (drain
 * on, 3.11) behind exercise 3.4's Nginx, with six clients chatting through it at a steady
 * rate ({@link ChatLoad}):
 * <ul>
 * <li><b>rolling restart:</b> each instance in turn is closed as SIGTERM would close it
 * (it drains: 503 to new handshakes, ERROR {@code server-restart} and 1012 to its
 * clients, in-flight work finished) and started again on the same port, and the next
 * waits until Nginx sends requests to the new one;</li>
 * <li><b>scale out and in:</b> a third instance is added to Nginx by reload, takes new
 * clients, is taken out by a second reload and then drained.</li>
 * </ul>
 * Each counts, by sequence numbers, what every receiver was shown, and prints its
 * figures. Not a grader: what it checks is graded by 3.4, 3.10 and 3.11 already.
 */
class RollingRestartDrillTests {

	/**
	 * Spring Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}, the chat's 30 s.
	 */
	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	static final NginxExtension nginx = new NginxExtension();

	/** The drill's instances, by name; a restart replaces one in place. */
	private static final Map<String, ConfigurableApplicationContext> instances = new java.util.LinkedHashMap<>();

	private static NginxProxy proxy;

	private ChatLoad load;

	@BeforeAll
	static void startInstancesAndProxy() throws Exception {
		CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture
			.supplyAsync(() -> start("rolling-1", 0));
		ConfigurableApplicationContext second = start("rolling-2", 0);
		instances.put("rolling-1", first.get(60, TimeUnit.SECONDS));
		instances.put("rolling-2", second);
		proxy = nginx.start(ClusterProxy.config(ports()));
	}

	@AfterEach
	void stopClients() {
		if (this.load != null) {
			this.load.close();
		}
	}

	@AfterAll
	static void closeInstances() {
		// Side by side: each close waits about 2 s for the relay's event loop.
		CompletableFuture
			.allOf(instances.values()
				.stream()
				.map((instance) -> CompletableFuture.runAsync(instance::close))
				.toArray(CompletableFuture[]::new))
			.join();
		instances.clear();
	}

	@Test
	void losesNothingWhenBothInstancesRestartOneAfterTheOther() throws Exception {
		this.load = new ChatLoad(ClusterClients.room("rolling"), proxy.host() + ":" + proxy.port());
		for (String user : List.of("alice", "bob", "alice", "bob", "alice", "bob")) {
			this.load.join(user);
		}
		this.load.startSending();
		this.load.awaitConfirmed(10);

		List<String> restarts = new ArrayList<>();
		List<String> names = List.copyOf(instances.keySet());
		for (int i = 0; i < names.size(); i++) {
			restarts.add(restartInPlace(names.get(i), i + 1 < names.size()));
			this.load.awaitConfirmed(10);
		}
		List<ChatLoad.Figures> figures = this.load.stopAndCount();
		this.load.awaitAllConnected();

		report("rolling-restart", this.load, figures, restarts);
		String transcript = this.load.transcript() + restarts;
		assertThat(figures).as(transcript).allSatisfy((stream) -> {
			assertThat(stream.lost()).isZero();
			// Nothing shown twice: no replay beside a live copy, no delivery made twice,
			// no SEND the client wrote again (the chat keeps a client-message-id once).
			assertThat(stream.duplicated()).isZero();
		});
		assertThat(this.load.notConnected()).as(transcript).isEmpty();
		assertThat(this.load.dropsNotAsked()).as("connections that ended without being asked to move\n" + transcript)
			.isEmpty();
		assertThat(this.load.askedToMove()).as("clients asked to move: every client moved at least once\n" + transcript)
			.isGreaterThanOrEqualTo(6);
	}

	@Test
	void dropsNoConnectionItDidNotAskToMoveWhenAThirdInstanceComesAndGoes() throws Exception {
		CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture
			.supplyAsync(() -> start("rolling-3", 0));
		this.load = new ChatLoad(ClusterClients.room("scale"), proxy.host() + ":" + proxy.port());
		for (String user : List.of("alice", "bob", "alice", "bob")) {
			this.load.join(user);
		}
		this.load.startSending();
		this.load.awaitConfirmed(10);

		// Scale out: the third instance joins the upstream by reload; the reload keeps
		// every open connection (Nginx's old worker carries them until they end).
		ConfigurableApplicationContext third = starting.get(60, TimeUnit.SECONDS);
		long outAt = System.nanoTime();
		proxy.reload(ClusterProxy.config(ports(third)));
		long reloaded = System.nanoTime();
		for (String user : List.of("alice", "bob", "alice", "bob")) {
			this.load.join(user);
		}
		int onThird = third.getBean(LiveSessions.class).ids().size();
		this.load.awaitConfirmed(10);
		List<String> dropsAfterScaleOut = this.load.dropsNotAsked();

		// Scale in: out of the upstream first, so that no new connection goes there, then
		// drained: only its own clients are asked to move.
		proxy.reload(ClusterProxy.config(ports()));
		long inAt = System.nanoTime();
		CompletableFuture<Long> closed = closeDrainingAsync(third);
		await("the third instance's clients moved").atMost(WAIT)
			.until(() -> this.load.recoveredAfter(inAt).moved() >= onThird);
		this.load.awaitAllConnected();
		ChatLoad.Recovery recovery = this.load.recoveredAfter(inAt);
		this.load.awaitConfirmed(10);
		List<ChatLoad.Figures> figures = this.load.stopAndCount();
		long stopMillis = closed.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		String scale = "reload in %d ms; %d of 4 new clients on the third; scale-in: %d clients asked to move, back in %d ms, stop took %d ms"
			.formatted(TimeUnit.NANOSECONDS.toMillis(reloaded - outAt), onThird, this.load.askedToMove(),
					recovery.lastBackMillis(), stopMillis);
		report("scale-out-and-in", this.load, figures, List.of(scale));
		String transcript = this.load.transcript() + scale;
		assertThat(onThird).as("clients that landed on the added instance\n" + transcript).isPositive();
		assertThat(dropsAfterScaleOut).as("connections cut by the scale-out reload\n" + transcript).isEmpty();
		assertThat(this.load.dropsNotAsked()).as("connections that ended without being asked to move\n" + transcript)
			.isEmpty();
		assertThat(this.load.askedToMove())
			.as("clients asked to move = the clients the third instance had\n" + transcript)
			.isEqualTo(onThird);
		assertThat(recovery.moved()).as(transcript).isEqualTo(onThird);
		assertThat(this.load.notConnected()).as(transcript).isEmpty();
		assertThat(figures).as(transcript).allSatisfy((stream) -> {
			assertThat(stream.lost()).isZero();
			// Nothing shown twice: no replay beside a live copy, no delivery made twice,
			// no SEND the client wrote again (the chat keeps a client-message-id once).
			assertThat(stream.duplicated()).isZero();
		});
	}

	/**
	 * Closes an instance with its drain and starts it again on the same port once its web
	 * server has let the port go; the rest of its close (the relay's, about 2 s) overlaps
	 * the new start. If another restart follows, waits until Nginx sends requests to the
	 * new instance, as a rollout would wait for readiness.
	 * @return the restart's figures, as a line
	 */
	private String restartInPlace(String name, boolean another) throws Exception {
		ConfigurableApplicationContext old = instances.get(name);
		int port = Drill.port(old);
		long at = System.nanoTime();
		CompletableFuture<Long> closed = closeDrainingAsync(old);
		await(name + "'s port " + port + " let go").atMost(PHASE_TIMEOUT)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> !accepts(port));
		long portFree = System.nanoTime();
		ConfigurableApplicationContext again = start(name, port);
		instances.put(name, again);
		long started = System.nanoTime();
		this.load.awaitAllConnected();
		ChatLoad.Recovery recovery = this.load.recoveredAfter(at);
		long stopMillis = closed.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		String rotation = "not waited for";
		if (another) {
			await(name + " answering through Nginx again").atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> instanceBehindProxy().equals(name));
			rotation = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms after its start";
		}
		assertThat(Duration.ofMillis(stopMillis)).as(name + "'s stop, drain included")
			.isLessThan(PHASE_TIMEOUT.dividedBy(2));
		return "%s: %d clients moved, all back in %d ms; port free after %d ms, stop took %d ms, start %d ms, in Nginx's rotation %s"
			.formatted(name, recovery.moved(), recovery.lastBackMillis(), TimeUnit.NANOSECONDS.toMillis(portFree - at),
					stopMillis, TimeUnit.NANOSECONDS.toMillis(started - portFree), rotation);
	}

	/**
	 * Closes an instance as SIGTERM would, on another thread, and checks that it drained
	 * (exercise 3.11).
	 * @return completes with the close's milliseconds
	 */
	private static CompletableFuture<Long> closeDrainingAsync(ConfigurableApplicationContext instance) {
		return CompletableFuture.supplyAsync(() -> {
			long at = System.nanoTime();
			closeDraining(instance);
			return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at);
		});
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Closes an instance as SIGTERM would, and checks that it drained (exercise 3.11).
	 */
	private static void closeDraining(ConfigurableApplicationContext instance) {
		DrainingShutdown drain = instance.getBean(DrainingShutdown.class);
		instance.close();
		assertThat(drain.isDraining())
			.as("3.11: the instance closed without draining (see RestartOneInstanceDrillTests)")
			.isTrue();
	}

	private static ConfigurableApplicationContext start(String name, int port) {
		Map<String, Object> settings = new HashMap<>(Drill.UNLIMITED);
		settings.put("server.port", port);
		return ChatCluster.shared().startApart(name, settings);
	}

	private static List<Integer> ports(ConfigurableApplicationContext... more) {
		List<Integer> ports = new ArrayList<>(instances.values().stream().map(Drill::port).toList());
		for (ConfigurableApplicationContext instance : more) {
			ports.add(Drill.port(instance));
		}
		return ports;
	}

	private static String instanceBehindProxy() {
		return ClusterClients.json(ClusterClients.get(proxy.httpUri("/api/instance")).body())
			.path("instance")
			.asString();
	}

	private static void report(String name, ChatLoad load, List<ChatLoad.Figures> figures, List<String> events)
			throws IOException {
		for (ChatLoad.Figures stream : figures) {
			System.out.println("[drill] " + name + " (" + stream.line() + ")");
		}
		System.out.println("[drill] " + name + ": reconnects " + load.reconnects() + ", asked to move "
				+ load.askedToMove() + ", dropped without being asked " + load.dropsNotAsked().size());
		events.forEach((event) -> System.out.println("[drill] " + name + ": " + event));
		Path file = Path.of("target", "drills", name + ".md");
		Files.createDirectories(file.getParent());
		StringBuilder rows = new StringBuilder();
		for (ChatLoad.Figures stream : figures) {
			// Date, messages, sent, receivers, expected, delivered, lost, duplicated,
			// written again by the sender's client, reconnects, dropped without being
			// asked, then the events.
			rows.append("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |%n".formatted(LocalDate.now(),
					stream.kind(), stream.sent(), stream.receivers(), stream.expected(), stream.delivered(),
					stream.lost(), stream.duplicated(), stream.writtenAgain(), load.reconnects(),
					load.dropsNotAsked().size(), String.join("; ", events)));
		}
		Files.writeString(file, rows, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
