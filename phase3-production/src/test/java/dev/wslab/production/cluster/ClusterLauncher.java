package dev.wslab.production.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import dev.wslab.kit.infra.LocalProcesses;
import dev.wslab.kit.nginx.Nginx;
import dev.wslab.kit.nginx.NginxProxy;
import dev.wslab.kit.rabbitmq.RabbitMq;
import dev.wslab.kit.rabbitmq.RabbitMqBroker;
import dev.wslab.kit.redis.Redis;
import dev.wslab.kit.redis.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * Brings the whole cluster up for a person, on the learner's track: a private RabbitMQ
 * and Redis from the kit's providers, instances of the chat as separate JVMs, and Nginx
 * in front with exercise 3.4's configuration. Ctrl-C stops all of it.
 *
 * <pre class="code">
 * ./mvnw -q -Psolutions,cluster -pl phase3-production -am
 * </pre>
 *
 * Arguments: the proxy's port, then each instance's port (defaults 8080, 8181, 8182).
 */
public final class ClusterLauncher {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final List<Runnable> stops = new ArrayList<>();

	private ClusterLauncher() {
	}

	/**
	 * Starts the cluster and waits for Ctrl-C.
	 * @param args the proxy port and the instance ports
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void main(String[] args) throws InterruptedException {
		int proxyPort = (args.length > 0) ? Integer.parseInt(args[0]) : 8080;
		List<Integer> instancePorts = (args.length > 1) ? Arrays.stream(args).skip(1).map(Integer::parseInt).toList()
				: List.of(8181, 8182);
		ClusterLauncher launcher = new ClusterLauncher();
		Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "wslab-cluster-stop"));
		try {
			launcher.start(proxyPort, instancePorts);
		}
		catch (RuntimeException ex) {
			System.err.println("The cluster did not come up: " + ex.getMessage());
			System.exit(1);
		}
		new CountDownLatch(1).await();
	}

	private void start(int proxyPort, List<Integer> instancePorts) {
		long started = System.nanoTime();
		RabbitMqBroker broker = RabbitMq.startPrivate();
		this.stops.add(0, () -> RabbitMq.stop(broker));
		String brokerPassword = UUID.randomUUID().toString();
		broker.addUser(ChatCluster.BROKER_USER, brokerPassword);
		RedisServer redis = Redis.startPrivate();
		this.stops.add(0, () -> Redis.stop(redis));
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		String origins = String.join(",", "http://127.0.0.1:" + proxyPort, "http://localhost:" + proxyPort);

		for (int i = 0; i < instancePorts.size(); i++) {
			String name = "chat-" + (i + 1);
			int port = instancePorts.get(i);
			Path dir = LocalProcesses.newStateDir(name);
			ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx512m", "-cp",
					System.getProperty("java.class.path"), ClusterChatApp.class.getName(), "--server.port=" + port,
					"--wslab.cluster.instance=" + name,
					"--wslab.chat.jwt.secret=" + Base64.getEncoder().encodeToString(secret),
					"--wslab.chat.allowed-origins=" + origins + ",http://127.0.0.1:" + port + ",http://localhost:"
							+ port,
					"--wslab.broker.host=" + broker.host(), "--wslab.broker.stomp-port=" + broker.stompPort(),
					"--wslab.broker.login=" + ChatCluster.BROKER_USER, "--wslab.broker.passcode=" + brokerPassword,
					"--wslab.broker.virtual-host=" + broker.virtualHost(), "--spring.data.redis.host=" + redis.host(),
					"--spring.data.redis.port=" + redis.port(), "--spring.data.redis.password=" + redis.password());
			Path log = dir.resolve("chat.log");
			LocalProcesses.start(name, builder, log);
			this.stops.add(0, () -> LocalProcesses.stop(name, Duration.ofSeconds(20)));
			System.out.println("[cluster] " + name + " starting on port " + port + ", log " + log);
		}
		for (int i = 0; i < instancePorts.size(); i++) {
			int port = instancePorts.get(i);
			await("chat-" + (i + 1) + " answering on port " + port).atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> answers(port));
		}
		NginxProxy proxy = Nginx.startOn(proxyPort, ClusterProxy.config(instancePorts));
		this.stops.add(0, proxy::stop);
		double seconds = (System.nanoTime() - started) / 1e9;

		System.out.printf("%nThe wslab chat cluster is up (%.1f s).%n", seconds);
		System.out.printf("  the chat, through Nginx   http://127.0.0.1:%d/%n", proxyPort);
		System.out.printf("  the live dashboard        http://127.0.0.1:%d/dashboard.html%n", proxyPort);
		for (int i = 0; i < instancePorts.size(); i++) {
			System.out.printf("  instance chat-%d          http://127.0.0.1:%d/%n", i + 1, instancePorts.get(i));
		}
		System.out.println("  RabbitMQ                  " + broker.description());
		System.out.println("  Redis                     " + redis.description());
		System.out.println("  Nginx                     " + proxy.description());
		System.out.println("Sign in as alice / alice-pw in one browser and bob / bob-pw in another.");
		System.out.println("Ctrl-C stops everything.");
	}

	private static boolean answers(int port) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/instance"))
			.timeout(Duration.ofSeconds(2))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
	}

	private static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private synchronized void stopAll() {
		System.out.println("[cluster] stopping");
		for (Runnable stop : this.stops) {
			try {
				stop.run();
			}
			catch (RuntimeException ex) {
				System.err.println("[cluster] " + ex.getMessage());
			}
		}
		this.stops.clear();
		System.out.println("[cluster] stopped");
	}

}
