package dev.wslab.production.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompHeaders;

/** Signs demo users in over HTTP and connects them over STOMP to a chosen instance. */
public final class ClusterClients {

	/** How long any single wait may take. */
	public static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private ClusterClients() {
	}

	/**
	 * Signs a demo user in (password: the name followed by {@code -pw}).
	 * @param base the instance or proxy, such as {@code http://127.0.0.1:8181}
	 * @param user the user
	 * @return the JWT
	 */
	public static String token(String base, String user) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"username\":\"" + user + "\",\"password\":\"" + user + "-pw\"}"))
			.timeout(WAIT)
			.build());
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"POST /api/token for " + user + " answered " + response.statusCode() + ": " + response.body());
		}
		return json(response.body()).path("token").asString();
	}

	/**
	 * Connects a user to one instance, signing in at that instance.
	 * @param port the instance's port
	 * @param user the user
	 * @return the connected session
	 */
	public static StompTestSession connect(int port, String user) {
		return connect("127.0.0.1:" + port, token("http://127.0.0.1:" + port, user));
	}

	/**
	 * Connects with a token over {@code ws://HOST/ws/chat}.
	 * @param hostAndPort where to connect
	 * @param token the JWT
	 * @return the connected session
	 */
	public static StompTestSession connect(String hostAndPort, String token) {
		return StompTestClient.overWebSocket(URI.create("ws://" + hostAndPort + "/ws/chat"), bearer(token), WAIT);
	}

	/**
	 * Builds CONNECT headers that carry a token.
	 * @param token the JWT
	 * @return the headers
	 */
	public static StompHeaders bearer(String token) {
		StompHeaders headers = new StompHeaders();
		headers.add("Authorization", "Bearer " + token);
		return headers;
	}

	/**
	 * Sends a GET and returns the response.
	 * @param uri the address
	 * @return the response
	 */
	public static HttpResponse<String> get(URI uri) {
		return send(HttpRequest.newBuilder(uri).timeout(WAIT).build());
	}

	/**
	 * Parses JSON.
	 * @param text the JSON text
	 * @return the tree
	 */
	public static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/**
	 * Returns a room name no other test uses.
	 * @param stem a readable stem
	 * @return for example {@code relay-3f2a9c1b}
	 */
	public static String room(String stem) {
		return stem + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
