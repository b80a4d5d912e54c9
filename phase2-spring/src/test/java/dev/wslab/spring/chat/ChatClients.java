package dev.wslab.spring.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.simp.stomp.StompHeaders;

/** Signs demo users in over HTTP and connects them over STOMP, as the page does. */
final class ChatClients {

	static final Duration WAIT = Duration.ofSeconds(10);

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private ChatClients() {
	}

	static HttpResponse<String> postToken(int port, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + ChatTarget.authority(port) + "/api/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.timeout(WAIT)
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("POST /api/token failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The demo passwords are the username followed by {@code -pw}. */
	static String token(int port, String user) {
		HttpResponse<String> response = postToken(port,
				"{\"username\":\"" + user + "\",\"password\":\"" + user + "-pw\"}");
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"POST /api/token for " + user + " answered " + response.statusCode() + ": " + response.body());
		}
		return json(response.body()).path("token").asString();
	}

	static StompTestSession connect(int port, String user) {
		return StompTestClient.overWebSocket(URI.create("ws://" + ChatTarget.authority(port) + "/ws/chat"),
				bearer(token(port, user)), WAIT);
	}

	/**
	 * Returns a room id no other test uses, so that neither an earlier test's message nor
	 * the room's replayed history can satisfy this one.
	 */
	static String freshRoom(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static StompHeaders bearer(String token) {
		StompHeaders headers = new StompHeaders();
		headers.add("Authorization", "Bearer " + token);
		return headers;
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
