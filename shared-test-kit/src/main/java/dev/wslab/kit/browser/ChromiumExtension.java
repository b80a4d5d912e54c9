package dev.wslab.kit.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Opens a fresh browser context per test and closes it afterwards, reporting on failure.
 */
final class ChromiumExtension implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ChromiumExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Page.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		BrowserContext browserContext = Chromium.browser().newContext();
		Page page = browserContext.newPage();
		List<String> console = new CopyOnWriteArrayList<>();
		page.onConsoleMessage((message) -> console.add(message.type() + ": " + message.text()));
		page.onPageError((error) -> console.add("pageerror: " + error));
		openPages(context).add(new OpenPage(browserContext, page, console));
		return page;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		List<OpenPage> pages = openPages(context);
		pages.forEach((page) -> page.close(context));
		pages.clear();
	}

	@SuppressWarnings("unchecked")
	private static List<OpenPage> openPages(ExtensionContext context) {
		return context.getStore(NAMESPACE)
			.computeIfAbsent("pages", (key) -> new CopyOnWriteArrayList<OpenPage>(), List.class);
	}

	private record OpenPage(BrowserContext context, Page page, List<String> console) {

		void close(ExtensionContext test) {
			if (test.getExecutionException().isPresent()) {
				Path shot = Path.of("target", "browser", test.getUniqueId().hashCode() + ".png");
				try {
					this.page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
				}
				catch (RuntimeException ex) {
					shot = null;
				}
				System.out.println("Browser console for failed test " + test.getDisplayName() + ":\n  "
						+ String.join("\n  ", this.console)
						+ (shot != null ? "\nScreenshot: " + shot.toAbsolutePath() : ""));
			}
			this.context.close();
		}

	}

}
