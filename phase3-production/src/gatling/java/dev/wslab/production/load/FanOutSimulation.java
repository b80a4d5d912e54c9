package dev.wslab.production.load;

import java.time.Duration;
import java.util.Map;

import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import dev.wslab.spring.chat.ChatApp;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * Fan-out on one room, measured with Gatling (a benchmark, not a test; the
 * {@code gatling} profile runs it, README "Load and capacity"). STOMP frames are written
 * by hand over Gatling's WebSocket support: CONNECT with the JWT, SUBSCRIBE with a
 * receipt, SEND, and checks on CONNECTED, RECEIPT and MESSAGE.
 *
 * <p>
 * {@code subscribers} sessions of bob join one room over {@code ramp}; then
 * {@code senders} sessions of alice, in the room too, each send one message a second for
 * {@code seconds}. Gatling's response time of a {@code fan-out} request is from alice's
 * SEND to her own copy of it (Gatling names a WebSocket await after its check, here
 * {@code fan-out}), delivered among the room's, so every message costs the server
 * {@code subscribers + senders} deliveries. Each subscriber also checks that a MESSAGE
 * reaches it. Everything runs on 127.0.0.1 and stops by itself.
 *
 * <p>
 * {@code -Dtarget=simple} runs Phase 2's chat on Spring's simple broker in this JVM;
 * {@code -Dtarget=relay} runs a Phase 3 instance on the broker relay to the kit's
 * RabbitMQ, with the rate and connection limits raised out of the way. The assertions
 * fail the run when the {@code fan-out} p99 is above {@code -Dp99Millis} or more than
 * {@code -DfailedPercent} of all requests failed: the same two thresholds as exercise
 * 3.16's {@link LoadThresholds}.
 */
public class FanOutSimulation extends Simulation {

	private static final String TARGET = System.getProperty("target", "simple");

	private static final int SUBSCRIBERS = Integer.getInteger("subscribers", 1000);

	private static final int SENDERS = Integer.getInteger("senders", 5);

	private static final int SECONDS = Integer.getInteger("seconds", 30);

	private static final int RAMP = Integer.getInteger("ramp", 20);

	private static final int P99_MILLIS = Integer.getInteger("p99Millis", 500);

	private static final double FAILED_PERCENT = Double.parseDouble(System.getProperty("failedPercent", "1"));

	private static final String ROOM = ClusterClients.room("gatling");

	private final ConfigurableApplicationContext app;

	{
		this.app = start(TARGET);
		int port = ((WebServerApplicationContext) this.app).getWebServer().getPort();
		String base = "http://127.0.0.1:" + port;
		String bob = ClusterClients.token(base, "bob");
		String alice = ClusterClients.token(base, "alice");
		HttpProtocolBuilder protocol = http.wsBaseUrl("ws://127.0.0.1:" + port);

		ScenarioBuilder subscribers = scenario("subscribers").exec(join(bob, "bob"))
			// The first MESSAGE of the room, whenever alice sends it.
			.exec(ws("heart-beat").sendText("\n")
				.await(RAMP + 60)
				.on(ws.checkTextMessage("first MESSAGE").matching(substring("sent-by [")).check(regex("^MESSAGE"))))
			.pause(Duration.ofSeconds(SECONDS + 5))
			.exec(ws("close").close());

		ScenarioBuilder senders = scenario("senders").exec(join(alice, "alice"))
			.repeat(SECONDS, "n")
			.on(exec((session) -> session.set("marker", "[" + session.userId() + "-" + session.getInt("n") + "]"))
				.exec(ws("SEND").sendText(FanOutSimulation::send)
					.await(30)
					.on(ws.checkTextMessage("fan-out").matching(substring("#{marker}"))))
				.pace(Duration.ofSeconds(1)))
			.exec(ws("close").close());

		setUp(subscribers.injectOpen(constantUsersPerSec((double) SUBSCRIBERS / RAMP).during(RAMP)),
				senders.injectOpen(nothingFor(Duration.ofSeconds(RAMP + 5)), atOnceUsers(SENDERS)))
			.protocols(protocol)
			.assertions(details("fan-out").responseTime().percentile(99.0).lte(P99_MILLIS),
					global().failedRequests().percent().lte(FAILED_PERCENT));
	}

	@Override
	public void after() {
		this.app.close();
	}

	/** The WebSocket, STOMP CONNECT and a SUBSCRIBE to the room, each answered. */
	private static ChainBuilder join(String token, String user) {
		return exec(ws("WebSocket " + user).connect("/ws/chat"))
			.exec(ws("CONNECT " + user)
				.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\nAuthorization:Bearer "
						+ token + "\n\n\0")
				.await(30)
				.on(ws.checkTextMessage("CONNECTED").check(regex("^CONNECTED"))))
			.exec(ws("SUBSCRIBE " + user)
				.sendText("SUBSCRIBE\nid:0\ndestination:/topic/room." + ROOM + "\nreceipt:joined\n\n\0")
				.await(30)
				// Another frame may come first (a MESSAGE of the room): wait for the
				// RECEIPT.
				.on(ws.checkTextMessage("RECEIPT").matching(regex("^RECEIPT"))));
	}

	private static String send(io.gatling.javaapi.core.Session session) {
		String body = "{\"text\":\"sent-by " + session.getString("marker") + "\"}";
		return "SEND\ndestination:/app/room." + ROOM + ".send\ncontent-type:application/json\n\n" + body + "\0";
	}

	private static ConfigurableApplicationContext start(String target) {
		return switch (target) {
			case "simple" -> new SpringApplicationBuilder(ChatApp.class).run("--server.port=0",
					"--spring.application.name=gatling-simple", "--wslab.chat.jwt.secret=" + ChatCluster.SECRET,
					"--management.endpoints.web.exposure.include=health");
			case "relay" -> ChatCluster.shared()
				.startApart("gatling-relay",
						Map.of("wslab.limits.connections-per-ip", 100_000, "wslab.limits.messages-per-second", 10_000,
								"wslab.limits.burst", 10_000, "server.shutdown", "immediate", "wslab.drain.enabled",
								"false"));
			default -> throw new IllegalArgumentException("-Dtarget=" + target + ": simple or relay");
		};
	}

}
