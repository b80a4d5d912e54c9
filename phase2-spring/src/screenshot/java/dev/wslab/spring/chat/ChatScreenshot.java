package dev.wslab.spring.chat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.wslab.kit.browser.Chromium;
import dev.wslab.kit.infra.FreePorts;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Takes the README's picture of the chat page from a real run (not a test): the chat on
 * a free port, three people in the system Chromium, and alice's window saved as a PNG
 * once bob has written in a room she is not looking at.
 *
 * <pre class="code">
 * ./mvnw -q -Psolutions,screenshot -pl phase2-spring -am
 * </pre>
 *
 * Argument: where to write the PNG (the profile passes {@code docs/images/chat.png}).
 */
public final class ChatScreenshot {

	private static final Browser.NewContextOptions WINDOW = new Browser.NewContextOptions().setViewportSize(1200, 750)
		.setDeviceScaleFactor(1)
		.setLocale("en-GB");

	private ChatScreenshot() {
	}

	/**
	 * Runs the chat, plays a short conversation and writes alice's window.
	 * @param args the PNG to write
	 * @throws Exception if the app, the browser or the file fails
	 */
	public static void main(String[] args) throws Exception {
		Path png = Path.of(args[0]).toAbsolutePath();
		int port = FreePorts.next();
		try (ConfigurableApplicationContext app = SpringApplication.run(ChatApp.class, "--server.port=" + port)) {
			String base = "http://localhost:" + port + "/";
			Page alice = window(base, "alice");
			Page bob = window(base, "bob");
			window(base, "admin");

			// Alice joins #random and sees her own message there: her subscription is live.
			join(alice, "random");
			say(alice, "anyone around for lunch?", alice);
			alice.locator("#rooms [data-room='general']").click();

			say(alice, "morning bob, the page is on Bootstrap now", alice);
			say(bob, "nice, no hand-written CSS at all?", alice);
			say(alice, "none, all utility classes from the WebJar", alice);
			say(bob, "and the badge tells me what I missed elsewhere", alice);
			join(bob, "random");
			say(bob, "me! 12:30?", bob);
			say(bob, "the usual place", bob);
			bob.locator("#private-to").fill("alice");
			bob.locator("#private-text").fill("psst, the cluster shows which instance you are on");
			bob.locator("#private-send").click();

			assertThat(alice.locator("#rooms [data-room='random'] .unread")).hasText("2");
			assertThat(alice.locator("#private-messages")).containsText("psst");
			Files.createDirectories(png.getParent());
			alice.screenshot(new Page.ScreenshotOptions().setPath(png));
			System.out.println("Wrote " + png + " (" + Files.size(png) + " bytes)");
		}
		System.exit(0);
	}

	private static Page window(String base, String user) {
		BrowserContext context = Chromium.browser().newContext(WINDOW);
		Page page = context.newPage();
		page.navigate(base);
		page.locator("#username").fill(user);
		page.locator("#password").fill(user + "-pw");
		page.locator("#sign-in").click();
		assertThat(page.locator("#status")).hasText("connected as " + user);
		return page;
	}

	private static void join(Page page, String room) {
		page.locator("#room").fill(room);
		page.locator("#join-room").click();
	}

	/** Sends a room message and waits until it is back on the watcher's page, to keep the order. */
	private static void say(Page page, String text, Page watcher) {
		page.locator("#text").fill(text);
		page.locator("#send-button").click();
		assertThat(watcher.locator("#messages")).containsText(text);
	}

}
