package dev.wslab.production.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wslab.kit.rabbitmq.RabbitMq;
import dev.wslab.kit.rabbitmq.RabbitMqBroker;

/**
 * The processes of one benchmark round: a private RabbitMQ when the instances relay to
 * it, the instances ({@link CapacityServer}, each in its own JVM), Nginx in front of a
 * single instance when asked, and the client JVMs ({@link CapacityClient}). Closing it
 * stops them all, clients first.
 */
final class BenchRig implements AutoCloseable {

	static final List<String> SERVER_FLAGS = List.of("-Xms256m", "-Xmx" + System.getProperty("serverHeap", "4g"),
			"-XX:+UseParallelGC");

	static final List<String> CLIENT_FLAGS = List.of("-Xmx1536m", "-XX:+UseParallelGC");

	static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(180);

	private static final List<String> QUIET = List.of("--enable-native-access=ALL-UNNAMED",
			"-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");

	private final RabbitMqBroker broker;

	private final List<ChildJvm> servers = new ArrayList<>();

	private final List<String> urls = new ArrayList<>();

	private final List<ChildJvm> clients = new ArrayList<>();

	private BenchNginx nginx;

	private BenchRig(RabbitMqBroker broker) {
		this.broker = broker;
	}

	/**
	 * Starts the broker, if any, and the instances, and waits until each says it is
	 * ready.
	 * @param relay whether the instances relay to RabbitMQ (otherwise: the simple broker)
	 * @param servers how many instances
	 * @param nginxWorkers Nginx workers in front of the one instance, or 0 for none
	 * @return the started rig
	 * @throws IOException if a process cannot be started or does not become ready
	 */
	static BenchRig start(boolean relay, int servers, int nginxWorkers) throws IOException {
		BenchRig rig = new BenchRig(relay ? RabbitMq.startPrivate() : null);
		try {
			rig.startServers(servers, nginxWorkers);
			return rig;
		}
		catch (IOException | RuntimeException ex) {
			rig.close();
			throw ex;
		}
	}

	private void startServers(int count, int nginxWorkers) throws IOException {
		List<String> flags = new ArrayList<>(SERVER_FLAGS);
		flags.addAll(QUIET);
		for (int i = 0; i < count; i++) {
			List<String> args = new ArrayList<>(List.of((this.broker != null) ? "tomcat-relay" : "tomcat-stomp"));
			if (this.broker != null) {
				args.addAll(List.of("--bench.relay-host=" + this.broker.host(),
						"--bench.relay-port=" + this.broker.stompPort(),
						"--bench.relay-login=" + this.broker.username(),
						"--bench.relay-passcode=" + this.broker.password(),
						"--bench.relay-vhost=" + this.broker.virtualHost()));
			}
			ChildJvm server = ChildJvm.start("server-" + i, flags, CapacityServer.class, args.toArray(String[]::new));
			this.servers.add(server);
			String[] ready = server.awaitLine("READY ", ANSWER_TIMEOUT).split(" ");
			if (nginxWorkers > 0) {
				this.nginx = BenchNginx.start(Integer.parseInt(ready[1]), nginxWorkers, HoldBenchmark.openFileLimit());
				this.urls.add("ws://127.0.0.1:" + this.nginx.port() + ready[2]);
			}
			else {
				this.urls.add("ws://127.0.0.1:" + ready[1] + ready[2]);
			}
		}
	}

	/**
	 * Starts client JVMs, the same number on each instance.
	 * @param mode the {@link CapacityClient} mode
	 * @param perServer how many client JVMs per instance
	 * @return the new clients, instance by instance
	 * @throws IOException if one cannot be started
	 */
	List<ChildJvm> startClients(String mode, int perServer) throws IOException {
		List<String> flags = new ArrayList<>(CLIENT_FLAGS);
		flags.addAll(QUIET);
		List<ChildJvm> started = new ArrayList<>();
		for (String url : this.urls) {
			for (int i = 0; i < perServer; i++) {
				ChildJvm client = ChildJvm.start("client-" + this.clients.size(), flags, CapacityClient.class, mode,
						url);
				this.clients.add(client);
				started.add(client);
			}
		}
		return started;
	}

	/**
	 * Starts one client JVM on one instance.
	 * @param mode the {@link CapacityClient} mode
	 * @param server the instance's index
	 * @return the new client
	 * @throws IOException if it cannot be started
	 */
	ChildJvm startClient(String mode, int server) throws IOException {
		List<String> flags = new ArrayList<>(CLIENT_FLAGS);
		flags.addAll(QUIET);
		ChildJvm client = ChildJvm.start("client-" + this.clients.size(), flags, CapacityClient.class, mode,
				this.urls.get(server));
		this.clients.add(client);
		return client;
	}

	List<ChildJvm> clients() {
		return this.clients;
	}

	RabbitMqBroker broker() {
		return this.broker;
	}

	List<ChildJvm> servers() {
		return this.servers;
	}

	BenchNginx nginx() {
		return this.nginx;
	}

	@Override
	public void close() {
		this.clients.forEach(BenchRig::quietly);
		if (this.nginx != null) {
			quietly(this.nginx);
		}
		this.servers.forEach(BenchRig::quietly);
		if (this.broker != null) {
			RabbitMq.stop(this.broker);
		}
	}

	private static void quietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			System.out.println("   could not close: " + ex);
		}
	}

}
