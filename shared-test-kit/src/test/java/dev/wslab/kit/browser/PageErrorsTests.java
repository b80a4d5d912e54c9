package dev.wslab.kit.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * What a page's script throws and does not catch reaches the test: on demand, for a wait
 * that should stop at once, and in the causes of any failure of the test, where the
 * scoreboard looks for a stub's {@code TODO(id)}. The example test runs in a JUnit
 * launcher of its own.
 */
@WithChromium
class PageErrorsTests {

	/** A page whose script calls a stub, the way a starter of a page exercise does. */
	private static final String STUB_PAGE = """
			<!doctype html><title>stub</title><p id="out">waiting</p>
			<script>
			  const stub = () => { throw new Error('TODO(9.9): write the page part'); };
			  setTimeout(() => { document.getElementById('out').textContent = stub(); }, 10);
			</script>
			""";

	static HttpServer server;

	@BeforeAll
	static void servePage() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			byte[] body = STUB_PAGE.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@Test
	void rethrowsWhatThePageThrewWhileATestWaits(Page page) {
		page.navigate(url());
		page.waitForCondition(() -> !PageErrors.of(page).isEmpty());

		assertThatThrownBy(() -> PageErrors.rethrow(page)).isInstanceOf(PageErrors.PageError.class)
			.hasMessageContaining("TODO(9.9): write the page part");
	}

	@Test
	void aPageThatThrewNothingRethrowsNothing(Page page) {
		page.setContent("<!doctype html><title>quiet</title><p>quiet</p>");

		PageErrors.rethrow(page);
		assertThat(PageErrors.of(page)).isEmpty();
	}

	@Test
	void aFailedTestCarriesWhatItsPageThrew() {
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		Launcher launcher = LauncherFactory
			.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
		launcher.execute(request().selectors(selectClass(WaitsInVain.class)).build(), new TestExecutionListener() {
			@Override
			public void executionFinished(TestIdentifier test, TestExecutionResult result) {
				result.getThrowable().ifPresent(failures::add);
			}
		});

		assertThat(failures).hasSize(1);
		assertThat(failures.get(0)).isInstanceOf(AssertionError.class);
		assertThat(failures.get(0).getSuppressed()).singleElement()
			.isInstanceOf(PageErrors.PageError.class)
			.extracting(Throwable::getMessage)
			.asString()
			.contains("TODO(9.9): write the page part");
	}

	private static String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
	}

	/** Fails on its own assertion after its page has thrown, as a grader's wait would. */
	@WithChromium
	static class WaitsInVain {

		@Test
		void waitsForTheText(Page page) {
			page.navigate(url());
			page.waitForCondition(() -> !PageErrors.of(page).isEmpty());

			assertThat(page.locator("#out").textContent()).as("the page's text").isEqualTo("done");
		}

	}

}
