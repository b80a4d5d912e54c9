package dev.wslab.kit.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import dev.wslab.kit.infra.Binaries;

/**
 * The system Chromium driven by Playwright, shared by every test in the JVM. Playwright
 * never downloads a browser here: it is told to skip the download and is pointed at the
 * installed one.
 */
public final class Chromium {

	static final String INSTALL = "sudo apt-get install -y chromium";

	private static volatile Browser browser;

	private Chromium() {
	}

	/**
	 * Returns the shared headless browser, launching it on first use.
	 * @return the browser
	 */
	public static Browser browser() {
		Browser current = browser;
		if (current == null) {
			synchronized (Chromium.class) {
				current = browser;
				if (current == null) {
					current = launch();
					browser = current;
				}
			}
		}
		return current;
	}

	private static Browser launch() {
		List<String> candidates = new ArrayList<>();
		String configured = System.getenv("WSLAB_CHROMIUM");
		if (configured != null && !configured.isBlank()) {
			candidates.add(configured);
		}
		candidates.addAll(List.of("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"));
		Path executable = Binaries.require("Chromium", INSTALL, candidates);
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		// The flags keep Chromium off the network it has no business with and let it run
		// as root.
		Browser launched = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(executable)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
						"--disable-background-networking", "--disable-component-update", "--disable-sync")));
		Runtime.getRuntime().addShutdownHook(new Thread(playwright::close, "wslab-chromium-stop"));
		return launched;
	}

}
