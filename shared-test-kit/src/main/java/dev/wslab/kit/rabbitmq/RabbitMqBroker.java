package dev.wslab.kit.rabbitmq;

import java.util.List;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A running RabbitMQ with the STOMP plugin, whichever provider started it.
 *
 * <p>
 * Tests share one broker per JVM, so each test isolates itself with fresh destinations
 * from {@link #uniqueTopic(String)} and {@link #uniqueQueue(String)}.
 */
public interface RabbitMqBroker {

	/** The STOMP port inside a container, and the broker's usual STOMP port. */
	int STOMP_PORT = 61613;

	/** The AMQP 0-9-1 port inside a container. */
	int AMQP_PORT = 5672;

	/** The Web-STOMP (STOMP over WebSocket) port inside a container. */
	int WEB_STOMP_PORT = 15674;

	/**
	 * Returns the host clients connect to.
	 * @return a host name or address
	 */
	String host();

	/**
	 * Returns the port of the STOMP listener.
	 * @return the STOMP port
	 */
	int stompPort();

	/**
	 * Returns the port of the AMQP listener.
	 * @return the AMQP port
	 */
	int amqpPort();

	/**
	 * Returns the address of the Web-STOMP endpoint, where STOMP runs over WebSocket.
	 * @return a {@code ws://} address ending in {@code /ws}
	 */
	String webStompUrl();

	/**
	 * Returns the user name for both STOMP and AMQP.
	 * @return the login
	 */
	String username();

	/**
	 * Returns the password for both STOMP and AMQP.
	 * @return the passcode
	 */
	String password();

	/**
	 * Returns the virtual host; Spring's relay must be given it explicitly.
	 * @return the virtual host, {@code /} unless configured otherwise
	 */
	String virtualHost();

	/**
	 * Says which provider supplied this broker, for logs and the doctor.
	 * @return for example {@code local process rabbitmq-server (node wslab-...)}
	 */
	String description();

	/**
	 * Runs {@code rabbitmqctl} against this broker, so that a test can ask the broker
	 * itself rather than the application (which queues exist, who is connected).
	 * @param arguments the command and its arguments, such as {@code list_queues name}
	 * @return what the command printed
	 * @throws UnsupportedOperationException for a broker the kit did not start, such as a
	 * shared workshop broker
	 */
	default String rabbitmqctl(String... arguments) {
		throw new UnsupportedOperationException("rabbitmqctl is not available for " + description()
				+ ": it runs only against a broker the kit started (unset WSLAB_RABBITMQ_HOST)");
	}

	/**
	 * Lists the broker's queues in the virtual host.
	 * @return the queue names
	 */
	default List<String> queues() {
		return lines(rabbitmqctl("list_queues", "-p", virtualHost(), "name", "--quiet", "--no-table-headers"));
	}

	/**
	 * Lists the broker's STOMP connections (the STOMP plugin's own command: plain
	 * {@code list_connections} does not show them), one line per connection with its
	 * user.
	 * @return the connections' users
	 */
	default List<String> stompConnections() {
		return lines(rabbitmqctl("list_stomp_connections", "auth_login", "--quiet", "--no-table-headers"));
	}

	/**
	 * Creates a user with full permissions on the virtual host, or resets its password if
	 * it exists: applications log in as their own user, never as {@code guest}.
	 * @param user the user name
	 * @param password the password
	 */
	default void addUser(String user, String password) {
		if (!lines(rabbitmqctl("list_users", "--quiet", "--no-table-headers")).stream()
			.anyMatch((line) -> line.split("\\s+")[0].equals(user))) {
			rabbitmqctl("add_user", user, password);
		}
		else {
			rabbitmqctl("change_password", user, password);
		}
		rabbitmqctl("set_permissions", "-p", virtualHost(), user, ".*", ".*", ".*");
	}

	private static List<String> lines(String output) {
		return output.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	/**
	 * Returns a topic destination nobody else uses, so tests sharing the broker stay
	 * apart.
	 * @param name a readable stem
	 * @return a destination such as {@code /topic/name.3f2a9c1b}
	 */
	default String uniqueTopic(String name) {
		return "/topic/" + name + "." + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Returns a queue destination nobody else uses.
	 * @param name a readable stem
	 * @return a destination such as {@code /queue/name.3f2a9c1b}
	 */
	default String uniqueQueue(String name) {
		return "/queue/" + name + "." + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Publishes the connection settings to a Spring test context, both under
	 * {@code wslab.rabbitmq.*} and as Spring Boot's {@code spring.rabbitmq.*}.
	 * @param registry the registry passed to a {@code @DynamicPropertySource} method
	 */
	default void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("wslab.rabbitmq.host", this::host);
		registry.add("wslab.rabbitmq.stomp-port", this::stompPort);
		registry.add("wslab.rabbitmq.amqp-port", this::amqpPort);
		registry.add("wslab.rabbitmq.username", this::username);
		registry.add("wslab.rabbitmq.password", this::password);
		registry.add("wslab.rabbitmq.virtual-host", this::virtualHost);
		registry.add("spring.rabbitmq.host", this::host);
		registry.add("spring.rabbitmq.port", this::amqpPort);
		registry.add("spring.rabbitmq.username", this::username);
		registry.add("spring.rabbitmq.password", this::password);
		registry.add("spring.rabbitmq.virtual-host", this::virtualHost);
	}

}
