package dev.wslab.landscape.feed;

import java.time.Duration;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.wslab.kit.browser.WithChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The four-transport page in Chromium, including EventSource reconnecting after the
 * server drops it.
 */
@WithChromium
class FeedPageTests {

	private static final LocatorAssertions.ContainsTextOptions LONG = new LocatorAssertions.ContainsTextOptions()
		.setTimeout(15_000);

	private FeedServer server;

	@BeforeEach
	void start() throws Exception {
		this.server = FeedServer.start(new FeedConfig(0, 0, 1000, Duration.ofSeconds(15), Duration.ofMillis(300),
				Duration.ofSeconds(10), Duration.ofMillis(150), true));
	}

	@AfterEach
	void stop() throws Exception {
		this.server.close();
	}

	@Test
	void everyTransportShowsTheFeedAndSseResumesWithoutGapsAfterTheServerDropsIt(Page page) {
		page.navigate("http://127.0.0.1:" + this.server.httpPort() + "/");
		for (String pane : new String[] { "#sse", "#ws", "#long", "#short" }) {
			assertThat(page.locator(pane + " .meta")).containsText("0 gaps, 0 repeats", LONG);
		}

		page.locator("#drop").click();

		Locator sse = page.locator("#sse");
		assertThat(sse.locator(".status")).containsText("resumed after", LONG);
		page.waitForCondition(() -> lastId(page) > 0);
		long before = lastId(page);
		page.waitForCondition(() -> lastId(page) > before + 3);
		assertThat(sse.locator(".meta")).containsText("0 gaps, 0 repeats");
	}

	private static long lastId(Page page) {
		String meta = page.locator("#sse .meta").textContent();
		return meta.startsWith("last id ") ? Long.parseLong(meta.substring(8, meta.indexOf(','))) : 0;
	}

}
