package dev.wslab.protocol.server;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Runs the learner's server for a grader and folds what went wrong inside the server into
 * the grader's failure, so a stub's {@code TODO} on a server thread shows up in the test
 * report.
 */
final class ServerUnderTest implements AutoCloseable {

	private final WebSocketServer server;

	ServerUnderTest(ServerConfig config) throws IOException {
		this(config, MessageHandler.ECHO);
	}

	ServerUnderTest(ServerConfig config, MessageHandler handler) throws IOException {
		this.server = WebSocketServer.start(config, handler);
	}

	static ServerUnderTest echo() throws IOException {
		return new ServerUnderTest(ServerConfig.defaults(0));
	}

	RawWebSocketClient connect(String... extraHeaders) throws IOException {
		try {
			return RawWebSocketClient.connect(uri(), extraHeaders);
		}
		catch (IOException ex) {
			throw withServerFailures(new AssertionError(ex.getMessage(), ex));
		}
	}

	URI uri() {
		return URI.create("ws://127.0.0.1:" + this.server.port() + "/echo");
	}

	WebSocketServer server() {
		return this.server;
	}

	/**
	 * Runs a grader's body, adding the server's own failures to an assertion that fails.
	 */
	void grade(Body body) throws Exception {
		try {
			body.run();
		}
		catch (AssertionError ex) {
			throw withServerFailures(ex);
		}
	}

	private AssertionError withServerFailures(AssertionError failure) {
		// The server records a failure before it closes the socket; allow a moment for it
		// to show.
		try {
			await().atMost(Duration.ofSeconds(1)).until(() -> !this.server.failures().isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			return failure;
		}
		Throwable inside = this.server.failures().stream().findFirst().orElse(null);
		if (inside == null) {
			return failure;
		}
		AssertionError combined = new AssertionError(failure.getMessage() + "\nInside the server: " + inside, inside);
		combined.addSuppressed(failure);
		return combined;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	@FunctionalInterface
	interface Body {

		void run() throws Exception;

	}

}
