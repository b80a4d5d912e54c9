package dev.wslab.production.cluster;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.wslab.kit.browser.Chromium;
import dev.wslab.kit.browser.WithChromium;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.nginx.Nginx;
import dev.wslab.kit.nginx.NginxProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people chat through Nginx in the system Chromium, one on each instance: in a room
 * and privately, and a room that one of them is not looking at counts what the other
 * wrote there. The page shows its connection state and which instance holds it. Graded
 * with 3.4, the last exercise the cluster needs.
 */
@Grades("3.4")
@WithChromium
class ClusterPageTests {

	static ChatCluster cluster;

	static NginxProxy proxy;

	private final List<BrowserContext> otherUsers = new ArrayList<>();

	@BeforeAll
	static void startClusterBehindNginx() {
		cluster = ChatCluster.shared();
		proxy = Nginx.startOn(ChatCluster.BROWSER_PROXY_PORT, ClusterProxy.config(cluster.ports()));
		PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
	}

	@AfterAll
	static void stopNginx() {
		if (proxy != null) {
			proxy.stop();
		}
	}

	@AfterEach
	void closeOtherUsers() {
		this.otherUsers.forEach(BrowserContext::close);
	}

	@Test
	void aliceOnOneInstanceAndBobOnTheOtherChatInARoomAndPrivately(Page alice) {
		String aliceOn = signIn(alice, "alice");
		Page bob = anotherWindow();
		String bobOn = signIn(bob, "bob");
		// Round robin decides where a connection lands; sign bob in again until the two
		// are apart (a bounded number of tries, no waiting in between). A sign-in makes
		// the same number of requests each time, so one request more moves Nginx's round
		// robin on by one before each new try.
		for (int tries = 0; bobOn.equals(aliceOn) && tries < 6; tries++) {
			bob.context().close();
			ClusterClients.get(proxy.httpUri("/api/instance"));
			bob = anotherWindow();
			bobOn = signIn(bob, "bob");
		}
		assertThat(bobOn).as("the instances alice and bob are on").isNotEqualTo(aliceOn);
		joinAndComeBack(alice, "cluster-unread");

		bob.locator("#text").fill("hello from " + bobOn);
		bob.locator("#send-button").click();
		alice.locator("#private-to").fill("bob");
		alice.locator("#private-text").fill("psst from " + aliceOn);
		alice.locator("#private-send").click();

		assertThat(alice.locator("#messages")).containsText("hello from " + bobOn);
		assertThat(bob.locator("#private-messages")).containsText("psst from " + aliceOn);
		assertThat(alice.locator("#online")).containsText("bob");

		// A room alice is not looking at counts bob's message from the other instance.
		bob.locator("#room").fill("cluster-unread");
		bob.locator("#join-room").click();
		bob.locator("#text").fill("over here, from " + bobOn);
		bob.locator("#send-button").click();
		assertThat(alice.locator("#rooms [data-room='cluster-unread'] .unread")).hasText("1");
		alice.locator("#rooms [data-room='cluster-unread']").click();
		assertThat(alice.locator("#rooms [data-room='cluster-unread'] .unread")).isHidden();
		assertThat(alice.locator("#messages")).containsText("over here, from " + bobOn);
	}

	/**
	 * Joins a room, waits for the page's own message to come back through it (so the
	 * subscription is live), and goes back to {@code general}.
	 */
	private static void joinAndComeBack(Page page, String room) {
		page.locator("#room").fill(room);
		page.locator("#join-room").click();
		page.locator("#text").fill("listening in " + room);
		page.locator("#send-button").click();
		assertThat(page.locator("#messages")).containsText("listening in " + room);
		page.locator("#rooms [data-room='general']").click();
		assertThat(page.locator("#current-room")).hasText("general");
	}

	/** Signs in through Nginx and returns the instance the page says it is on. */
	private static String signIn(Page page, String user) {
		page.navigate(proxy.httpUri("/").toString());
		page.locator("#username").fill(user);
		page.locator("#password").fill(user + "-pw");
		page.locator("#sign-in").click();
		assertThat(page.locator("#status")).hasText("connected as " + user);
		assertThat(page.locator("#status")).hasAttribute("data-state", "connected");
		assertThat(page.locator("#instance")).isVisible();
		assertThat(page.locator("#instance")).containsText("on chat-");
		return page.locator("#instance").textContent().substring("on ".length());
	}

	private Page anotherWindow() {
		BrowserContext context = Chromium.browser().newContext();
		this.otherUsers.add(context);
		return context.newPage();
	}

}
