package dev.wslab.protocol.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.wslab.kit.browser.WithChromium;
import dev.wslab.protocol.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The milestone page, driven in the system Chromium: a browser nobody here wrote. */
@WithChromium
class EchoServerPageTests {

	private WebSocketServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = EchoServerApp.start(0);
	}

	@AfterEach
	void stopServer() throws Exception {
		this.server.close();
	}

	@Test
	void browserConnectsSendsSeesTheEchoAndClosesNormally(Page page) {
		page.navigate("http://127.0.0.1:" + this.server.port() + "/");
		Locator log = page.locator("#log");

		page.locator("#connect").click();
		assertThat(log).containsText("open, subprotocol \"echo\"");
		page.locator("#text").fill("héllo, wörld ✓");
		page.locator("#send-button").click();
		assertThat(log).containsText("← héllo, wörld ✓");
		page.locator("#disconnect").click();

		assertThat(log).containsText("closed: code 1000");
	}

}
