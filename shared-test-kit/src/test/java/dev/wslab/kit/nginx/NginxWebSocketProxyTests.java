package dev.wslab.kit.nginx;

import java.time.Duration;

import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A real Nginx, started by the kit, carries a WebSocket upgrade and frames both ways. */
class NginxWebSocketProxyTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final NginxExtension nginx = new NginxExtension();

	private static DisposableServer blue;

	private static DisposableServer green;

	@BeforeAll
	static void startEchoServers() {
		blue = echoServer("blue: ");
		green = echoServer("green: ");
	}

	@AfterAll
	static void stopEchoServers() {
		blue.disposeNow();
		green.disposeNow();
	}

	@Test
	void upgradesThroughNginxAndEchoesTextFrames() throws Exception {
		NginxProxy proxy = nginx
			.start(NginxConfig.fromClasspath("nginx/websocket-proxy.conf").upstream("app", blue.port()));

		try (RawWebSocketClient client = RawWebSocketClient.connect(proxy.wsUri("/echo"))) {
			client.send(WireFrame.text("hello through nginx"));

			WireFrame echo = client.nextFrame(WAIT);
			assertThat(echo.opcode()).isEqualTo(WireFrame.TEXT);
			assertThat(echo.masked()).as("server frames are never masked").isFalse();
			assertThat(echo.text()).isEqualTo("blue: hello through nginx");
		}
		// Nginx writes the access log line when the proxied connection ends, a moment
		// after close.
		await().atMost(WAIT).untilAsserted(() -> assertThat(proxy.logs()).contains("GET /echo HTTP/1.1\" 101"));
	}

	@Test
	void reloadSwitchesUpstreamsWithoutDroppingOpenConnections() throws Exception {
		NginxProxy proxy = nginx
			.start(NginxConfig.fromClasspath("nginx/websocket-proxy.conf").upstream("app", blue.port()));
		try (RawWebSocketClient before = RawWebSocketClient.connect(proxy.wsUri("/echo"))) {

			proxy.reload(NginxConfig.fromClasspath("nginx/websocket-proxy.conf").upstream("app", green.port()));

			try (RawWebSocketClient after = RawWebSocketClient.connect(proxy.wsUri("/echo"))) {
				after.send(WireFrame.text("new"));
				assertThat(after.nextFrame(WAIT).text()).isEqualTo("green: new");
			}
			before.send(WireFrame.text("old"));
			assertThat(before.nextFrame(WAIT).text()).as("the connection opened before the reload")
				.isEqualTo("blue: old");
		}
	}

	@Test
	void aConfigurationNginxRejectsFailsWithNginxsOwnMessage() {
		NginxProxy proxy = nginx
			.start(NginxConfig.fromClasspath("nginx/websocket-proxy.conf").upstream("app", blue.port()));

		assertThatThrownBy(() -> proxy
			.reload(new NginxConfig("server { listen {{listen}}; no_such_directive on; }", java.util.Map.of())))
			.hasMessageContaining("no_such_directive");
	}

	private static DisposableServer echoServer(String prefix) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws("/echo",
					(in, out) -> out.sendString(in.receive().asString().map((text) -> prefix + text))))
			.bindNow();
	}

}
