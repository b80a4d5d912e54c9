package dev.wslab.kit.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The system Chromium, driven by Playwright, loads a page from this machine and runs its
 * script.
 */
@WithChromium
class ChromiumPageTests {

	private HttpServer server;

	@BeforeEach
	void servePage() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = """
					<!doctype html><title>kit</title>
					<button id="go">Go</button><p id="out">waiting</p>
					<script>document.getElementById('go').onclick = () =>
					  document.getElementById('out').textContent = 'clicked in ' + navigator.userAgent;</script>
					""".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void clicksAButtonAndSeesTheScriptRun(Page page) {
		page.navigate("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");

		page.locator("#go").click();

		assertThat(page.locator("#out")).containsText("clicked in");
		assertThat(page.locator("#out")).containsText("Chrome");
	}

}
