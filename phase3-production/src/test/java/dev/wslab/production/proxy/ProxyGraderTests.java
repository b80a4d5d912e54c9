package dev.wslab.production.proxy;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.nginx.NginxExtension;
import dev.wslab.kit.nginx.NginxProxy;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.production.cluster.ClusterProxy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.4: a real Nginx, with the learner's configuration, in front of two
 * instances.
 */
@Grades("3.4")
class ProxyGraderTests {

	@RegisterExtension
	static final NginxExtension nginx = new NginxExtension();

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void carriesTheChatOverWebSocketThroughTheProxy() {
		NginxProxy proxy = nginx.start(ClusterProxy.config(cluster.ports()));
		String room = ClusterClients.room("proxied");
		try (StompTestSession alice = ClusterClients.connect(proxy.host() + ":" + proxy.port(), token("alice"));
				StompTestSession bob = ClusterClients.connect(proxy.host() + ":" + proxy.port(), token("bob"))) {
			FrameQueue alicesRoom = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			FrameQueue bobsRoom = bob.subscribeWithReceipt("/topic/room." + room, WAIT);

			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"through nginx\"}");

			assertThat(json(alicesRoom.next(WAIT).body()).path("text").asString()).isEqualTo("through nginx");
			assertThat(json(bobsRoom.next(WAIT).body()).path("text").asString()).isEqualTo("through nginx");
		}
	}

	@Test
	void spreadsConnectionsOverBothInstancesAndEachShowsTheSameHistory() {
		NginxProxy proxy = nginx.start(ClusterProxy.config(cluster.ports()));
		String room = ClusterClients.room("nosticky");
		try (StompTestSession first = ClusterClients.connect(proxy.host() + ":" + proxy.port(), token("alice"))) {
			FrameQueue live = first.subscribeWithReceipt("/topic/room." + room, WAIT);
			first.sendJson("/app/room." + room + ".send", "{\"text\":\"said once\"}");
			live.next(WAIT);
		}

		// Two requests in a row: round robin, with no stickiness, sends them to both.
		Set<String> instances = new HashSet<>(List.of(instanceBehind(proxy), instanceBehind(proxy)));
		assertThat(instances).as("instances that answered two requests in a row through the proxy")
			.containsExactlyInAnyOrder("chat-1", "chat-2");
		try (StompTestSession one = ClusterClients.connect(proxy.host() + ":" + proxy.port(), token("alice"));
				StompTestSession other = ClusterClients.connect(proxy.host() + ":" + proxy.port(), token("alice"))) {
			for (StompTestSession session : List.of(one, other)) {
				FrameQueue history = session.subscribeIncludingHistory("/topic/room." + room);
				assertThat(json(history.next(WAIT).body()).path("text").asString())
					.as("the history, on whichever instance this connection landed")
					.isEqualTo("said once");
			}
		}
	}

	@Test
	void tellsTheInstanceWhoTheClientIs() {
		NginxProxy proxy = nginx.start(ClusterProxy.config(cluster.ports()));

		JsonNode answer = json(ClusterClients.get(proxy.httpUri("/api/instance")).body());

		// The address Nginx saw: 127.0.0.1 for a local Nginx, the bridge's gateway for
		// one
		// in a container.
		assertThat(answer.path("forwardedFor").asString()).as("X-Forwarded-For, as the instance received it")
			.matches(".*\\b\\d{1,3}(\\.\\d{1,3}){3}$");
	}

	@Test
	void keepsActuatorOffThePublicProxy() {
		NginxProxy proxy = nginx.start(ClusterProxy.config(cluster.ports()));

		assertThat(ClusterClients.get(proxy.httpUri("/actuator/health")).statusCode()).isEqualTo(404);
	}

	@Test
	void carriesSockJsOverXhrStreamingOnOneInstancePerSession() {
		NginxProxy proxy = nginx.start(ClusterProxy.config(cluster.ports()));
		SockJsClient httpOnly = new SockJsClient(List.of(new RestTemplateXhrTransport()));
		String room = ClusterClients.room("sockjs");
		try (StompTestSession alice = StompTestClient.over(httpOnly, proxy.httpUri("/ws/chat-sockjs"), origin(),
				ClusterClients.bearer(token("alice")), WAIT)) {
			FrameQueue alicesRoom = alice.subscribeWithReceipt("/topic/room." + room, WAIT);

			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"over xhr\"}");

			assertThat(json(alicesRoom.next(WAIT).body()).path("text").asString()).isEqualTo("over xhr");
		}
	}

	@Test
	void takesOnASecondInstanceByReload() {
		NginxProxy proxy = nginx.start(ClusterProxy.config(List.of(cluster.port(0))));
		assertThat(instanceBehind(proxy)).isEqualTo("chat-1");

		proxy.reload(ClusterProxy.config(cluster.ports()));

		await("chat-2 answering through the reloaded proxy").atMost(WAIT)
			.until(() -> instanceBehind(proxy).equals("chat-2"));
	}

	private static String instanceBehind(NginxProxy proxy) {
		return json(ClusterClients.get(proxy.httpUri("/api/instance")).body()).path("instance").asString();
	}

	private static String token(String user) {
		return ClusterClients.token("http://127.0.0.1:" + cluster.port(0), user);
	}

	private static WebSocketHttpHeaders origin() {
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setOrigin(ChatCluster.PAGE_ORIGIN);
		return headers;
	}

}
