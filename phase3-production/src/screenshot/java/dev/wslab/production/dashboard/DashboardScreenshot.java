package dev.wslab.production.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.wslab.kit.browser.Chromium;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.awaitility.Awaitility.await;

/**
 * Takes the README's picture of the live dashboard during a load run (not a test): the
 * two-instance cluster of the graders, twelve chat sessions in one room on both
 * instances, six of them sending six messages a second each (under the 10 a second rate
 * limit of 3.5), and the dashboard in the system Chromium once it has charted about 20
 * seconds of it.
 *
 * <pre class="code">
 * ./mvnw -q -Psolutions,dashboard-screenshot -pl phase3-production -am
 * </pre>
 *
 * Argument: where to write the PNG (the profile passes {@code docs/images/dashboard.png}).
 */
public final class DashboardScreenshot {

	private static final int SENDS_PER_SECOND = 6;

	private static final long DELIVERIES_TO_WAIT_FOR = 8_000;

	private DashboardScreenshot() {
	}

	/**
	 * Runs the cluster and the load, and writes the dashboard's window.
	 * @param args the PNG to write
	 * @throws Exception if the cluster, the browser or the file fails
	 */
	public static void main(String[] args) throws Exception {
		Path png = Path.of(args[0]).toAbsolutePath();
		ChatCluster cluster = ChatCluster.shared();
		String room = ClusterClients.room("lobby");
		List<StompTestSession> sessions = new ArrayList<>();
		ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
		try {
			for (int instance = 0; instance < 2; instance++) {
				for (String user : List.of("alice", "bob", "admin")) {
					StompTestSession sender = ClusterClients.connect(cluster.port(instance), user);
					StompTestSession listener = ClusterClients.connect(cluster.port(instance), user);
					sender.subscribeWithReceipt("/topic/room." + room, WAIT);
					listener.subscribeWithReceipt("/topic/room." + room, WAIT);
					sessions.add(sender);
					sessions.add(listener);
					String text = "{\"text\":\"load from " + user + " on chat-" + (instance + 1) + "\"}";
					senders.scheduleAtFixedRate(() -> sender.sendJson("/app/room." + room + ".send", text), 0,
							1000 / SENDS_PER_SECOND, TimeUnit.MILLISECONDS);
				}
			}
			Page page = Chromium.browser()
				.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860)
					.setDeviceScaleFactor(1)
					.setLocale("en-GB"))
				.newPage();
			page.navigate("http://127.0.0.1:" + cluster.port(0) + "/dashboard.html");
			assertThat(page.locator("#status")).hasAttribute("data-state", "live");
			await("the dashboard counting " + DELIVERIES_TO_WAIT_FOR + " deliveries").atMost(WAIT.multipliedBy(12))
				.pollInterval(WAIT.dividedBy(20))
				.until(() -> Long.parseLong(page.locator("#messages-out-total").textContent().strip()) > DELIVERIES_TO_WAIT_FOR);
			Files.createDirectories(png.getParent());
			page.screenshot(new Page.ScreenshotOptions().setPath(png).setFullPage(true));
			System.out.println("Wrote " + png + " (" + Files.size(png) + " bytes)");
		}
		finally {
			senders.shutdownNow();
			sessions.forEach(StompTestSession::close);
		}
		System.exit(0);
	}

}
