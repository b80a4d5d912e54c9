package dev.wslab.production.dashboard;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.wslab.kit.browser.WithChromium;
import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.15 in a browser: the dashboard page in the system Chromium, whose
 * {@code EventSource} reads 3.15's feed, opened on one instance while people chat on
 * both: it lists both instances and their relays, and its numbers move.
 */
@Grades("3.15")
@WithChromium
class DashboardPageTests {

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
		PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
	}

	@Test
	void showsBothInstancesAndItsNumbersMoveWhilePeopleChatOnBoth(Page page) {
		String room = ClusterClients.room("watched");
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue alicesRoom = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			bob.subscribeWithReceipt("/topic/room." + room, WAIT);

			page.navigate("http://127.0.0.1:" + cluster.port(1) + "/dashboard.html");

			assertThat(page.locator("#status")).hasAttribute("data-state", "live");
			assertThat(page.locator("#instances [data-instance='chat-1']")).containsText("up");
			assertThat(page.locator("#instances [data-instance='chat-2']")).containsText("up");
			// The page starts with the snapshots the instance keeps; alice's and bob's
			// connections are in the live ones.
			assertThat(page.locator("#connections")).hasText(Pattern.compile("[2-9]|[1-9][0-9]+"));
			long outBefore = number(page, "#messages-out-total");

			// Traffic on both instances until the page shows a rate: each round waits for
			// its messages to come back, so the senders stay under their rate limit.
			await("a message rate above zero on the page").atMost(WAIT.multipliedBy(2)).until(() -> {
				alice.sendJson("/app/room." + room + ".send", "{\"text\":\"on chat-1\"}");
				bob.sendJson("/app/room." + room + ".send", "{\"text\":\"on chat-2\"}");
				alicesRoom.next(WAIT);
				alicesRoom.next(WAIT);
				return rate(page, "#out-rate") > 0 && rate(page, "[data-kind='room'] td:nth-child(2)") > 0;
			});

			assertThat(page.locator("#messages-out-total")).not().hasText(String.valueOf(outBefore));
			assertThat(number(page, "#messages-out-total")).isGreaterThan(outBefore);
			assertThat(page.locator("#p99")).hasText(Pattern.compile("[0-9.]+ ms"));
			assertThat(page.locator("#rate-chart canvas")).isVisible();
		}
	}

	private static long number(Page page, String selector) {
		return Long.parseLong(page.locator(selector).textContent().strip());
	}

	private static double rate(Page page, String selector) {
		return Double.parseDouble(page.locator(selector).textContent().strip());
	}

}
