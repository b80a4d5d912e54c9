package dev.wslab.protocol.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.wslab.kit.browser.WithChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The milestone page of exercise 1.1, driven in the system Chromium. */
@WithChromium
class HandshakeDemoPageTests {

	private HandshakeDemoApp app;

	@BeforeEach
	void startApp() throws Exception {
		this.app = HandshakeDemoApp.start(0);
	}

	@AfterEach
	void stopApp() throws Exception {
		this.app.close();
	}

	@Test
	void browserCompletesTheHandshakeReceivesTheGreetingAndSeesANormalClose(Page page) {
		page.navigate("http://127.0.0.1:" + this.app.port() + "/");

		page.locator("#connect").click();

		Locator log = page.locator("#log");
		assertThat(log).containsText("open: the browser accepted Sec-WebSocket-Accept");
		assertThat(log).containsText("message: Handshake complete");
		assertThat(log).containsText("closed: code 1000 reason \"demo done\"");
	}

}
