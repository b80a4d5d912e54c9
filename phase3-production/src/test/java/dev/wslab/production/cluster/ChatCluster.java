package dev.wslab.production.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.wslab.kit.rabbitmq.RabbitMq;
import dev.wslab.kit.rabbitmq.RabbitMqBroker;
import dev.wslab.kit.redis.Redis;
import dev.wslab.kit.redis.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.test.util.TestSocketUtils;

import static org.awaitility.Awaitility.await;

/**
 * Instances of the cluster chat, each a Spring application in this JVM on its own random
 * port, sharing the kit's real RabbitMQ and Redis. One cluster serves every grader class
 * in the JVM ({@link #shared()}); graders keep apart with fresh room names.
 */
public final class ChatCluster implements AutoCloseable {

	/**
	 * 32 bytes, base64: the JWT key every instance shares. It is Phase 2's test key, so
	 * that Phase 2's graders, run against the cluster, can forge tokens it checks.
	 */
	public static final String SECRET = "d3NsYWItdGVzdC1zZWNyZXQtb2YtMzItYnl0ZXMtISE=";

	/** The one origin whose pages may open the chat's endpoints in these tests. */
	public static final String PAGE_ORIGIN = "http://chat.example";

	/**
	 * The one port on which a test may run Nginx for a browser: pages served through it
	 * have an origin the instances allow.
	 */
	public static final int BROWSER_PROXY_PORT = TestSocketUtils.findAvailableTcpPort();

	/** How long a new instance's relay may take to connect its system session. */
	private static final Duration BROKER_WAIT = Duration.ofSeconds(30);

	/** The broker user the instances log in as. */
	public static final String BROKER_USER = "wslab-chat";

	private static volatile ChatCluster shared;

	/**
	 * Why the shared cluster could not start, when a starter's TODO stopped it: every
	 * later grader class of the JVM gets the same failure at once instead of starting the
	 * instances again (about 10 s a class), as Spring's test context cache does for a
	 * context that failed to load. Other failures are not kept: the next class tries
	 * again.
	 */
	private static volatile RuntimeException stoppedByATodo;

	private final RabbitMqBroker broker;

	private final RedisServer redis;

	private final String brokerPassword = UUID.randomUUID().toString();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private ChatCluster(RabbitMqBroker broker, RedisServer redis) {
		this.broker = broker;
		this.redis = redis;
		broker.addUser(BROKER_USER, this.brokerPassword);
	}

	/**
	 * Returns the JVM's two-instance cluster, started on first use, stopped at exit.
	 * @return the cluster
	 */
	public static ChatCluster shared() {
		ChatCluster cluster = shared;
		if (cluster == null) {
			synchronized (ChatCluster.class) {
				cluster = shared;
				if (cluster == null) {
					if (stoppedByATodo != null) {
						throw stoppedByATodo;
					}
					cluster = new ChatCluster(RabbitMq.shared(), Redis.shared());
					try {
						cluster.startInstance();
						cluster.startInstance();
					}
					catch (RuntimeException ex) {
						cluster.close();
						if (reachedATodo(ex)) {
							stoppedByATodo = ex;
						}
						throw ex;
					}
					ChatCluster started = cluster;
					Runtime.getRuntime().addShutdownHook(new Thread(started::close, "wslab-cluster-stop"));
					shared = cluster;
				}
			}
		}
		return cluster;
	}

	/**
	 * Stops and forgets the JVM's shared cluster, so that the next grader class starts
	 * one from the classes as they are now. Only {@link FreshCluster} calls it, in a
	 * mutation run.
	 */
	static void forgetShared() {
		synchronized (ChatCluster.class) {
			ChatCluster cluster = shared;
			shared = null;
			stoppedByATodo = null;
			if (cluster != null) {
				cluster.close();
			}
		}
	}

	private static boolean reachedATodo(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (String.valueOf(cause.getMessage()).contains("TODO(")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Starts one more instance.
	 * @return its index, from 0
	 */
	public synchronized int startInstance() {
		int index = this.instances.size();
		// They close when the JVM exits, after every test: at once, with no drain (3.11)
		// and
		// not with Tomcat's graceful wait for open sockets, which outlasted the 30 s
		// surefire
		// allows a fork after System.exit (it then killed the fork).
		this.instances
			.add(launch("chat-" + (index + 1), Map.of("server.shutdown", "immediate", "wslab.drain.enabled", "false")));
		return index;
	}

	/**
	 * Starts an instance with settings of its own, beside the cluster but not in it: it
	 * shares the broker and Redis, {@link #ports()} does not list it, and the caller
	 * closes it (before other graders count the broker's connections).
	 * @param name the instance's name
	 * @param overrides properties that win over the cluster's and the app's
	 * @return the running instance
	 */
	public ConfigurableApplicationContext startApart(String name, Map<String, Object> overrides) {
		return launch(name, overrides);
	}

	/**
	 * Starts an instance in a JVM of its own, beside the cluster but not in it, as
	 * {@link #startApart(String, Map)} does in this JVM: a drill can then kill it with
	 * SIGKILL. The caller closes it.
	 * @param name the instance's name
	 * @param overrides properties that win over the cluster's and the app's
	 * @return the running process, answering HTTP
	 */
	public InstanceProcess startProcess(String name, Map<String, Object> overrides) {
		int port = TestSocketUtils.findAvailableTcpPort();
		Map<String, Object> settings = new LinkedHashMap<>(overrides);
		settings.put("server.port", port);
		return InstanceProcess.start(name, port, List.of(arguments(name, settings)));
	}

	private ConfigurableApplicationContext launch(String name, Map<String, Object> overrides) {
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(ClusterChatApp.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("keepJulBridge", new KeepJulBridge()))
			.run(arguments(name, overrides));
		try {
			awaitBroker(name, instance);
		}
		catch (RuntimeException ex) {
			instance.close();
			throw ex;
		}
		return instance;
	}

	/**
	 * Waits until the instance's message broker says it is available. The relay (3.1)
	 * opens its system session to RabbitMQ only once the context has started, and until
	 * that session is connected it drops a client's CONNECT without an answer (Spring's
	 * {@code StompBrokerRelayMessageHandler} logs "Broker not active. Ignoring"). A
	 * grader's first CONNECT would then wait out its 10 s, which is what failed 3.8's
	 * grader in a mutation run on a loaded machine.
	 */
	private static void awaitBroker(String name, ConfigurableApplicationContext instance) {
		var brokers = instance.getBeansOfType(AbstractBrokerMessageHandler.class).values();
		await(name + ": the message broker available; for the relay (3.1), its system session connected to "
				+ "RabbitMQ with the system login, passcode and virtual host")
			.atMost(BROKER_WAIT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> brokers.stream().allMatch(AbstractBrokerMessageHandler::isBrokerAvailable));
	}

	private String[] arguments(String name, Map<String, Object> overrides) {
		Map<String, Object> properties = new LinkedHashMap<>(Map.ofEntries(Map.entry("server.port", 0),
				Map.entry("wslab.cluster.instance", name), Map.entry("wslab.chat.jwt.secret", SECRET),
				Map.entry("wslab.chat.allowed-origins", PAGE_ORIGIN + ",http://127.0.0.1:" + BROWSER_PROXY_PORT),
				Map.entry("wslab.broker.host", this.broker.host()),
				Map.entry("wslab.broker.stomp-port", this.broker.stompPort()),
				Map.entry("wslab.broker.login", BROKER_USER), Map.entry("wslab.broker.passcode", this.brokerPassword),
				Map.entry("wslab.broker.virtual-host", this.broker.virtualHost()),
				Map.entry("spring.data.redis.host", this.redis.host()),
				Map.entry("spring.data.redis.port", this.redis.port()),
				Map.entry("spring.data.redis.password", this.redis.password())));
		properties.putAll(overrides);
		// As command-line arguments: they win over the app's application.properties.
		return properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Returns an instance's HTTP port.
	 * @param index the instance, from 0
	 * @return the port
	 */
	public int port(int index) {
		return ((WebServerApplicationContext) this.instances.get(index)).getWebServer().getPort();
	}

	/**
	 * Returns every instance's HTTP port.
	 * @return the ports, in start order
	 */
	public List<Integer> ports() {
		return java.util.stream.IntStream.range(0, this.instances.size()).mapToObj(this::port).toList();
	}

	/**
	 * Returns an instance's application context.
	 * @param index the instance, from 0
	 * @return the context
	 */
	public ConfigurableApplicationContext context(int index) {
		return this.instances.get(index);
	}

	/**
	 * Returns the broker the instances share.
	 * @return the broker
	 */
	public RabbitMqBroker broker() {
		return this.broker;
	}

	/**
	 * Returns the Redis the instances share.
	 * @return the Redis server
	 */
	public RedisServer redis() {
		return this.redis;
	}

	@Override
	public synchronized void close() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.instances.clear();
	}

}
