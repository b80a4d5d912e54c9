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
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Opens a fresh browser context per test and closes it afterwards, reporting on failure.
 * A failed test gets what its pages threw ({@link PageErrors}) as suppressed exceptions:
 * a stub's {@code TODO(id)} thrown by a page script then reaches the failure's causes.
 */
final class ChromiumExtension implements ParameterResolver, AfterEachCallback, TestExecutionExceptionHandler {

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
		PageErrors.watch(page);
		openPages(context).add(new OpenPage(browserContext, page, console));
		return page;
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		for (OpenPage open : openPages(context)) {
			for (String thrown : PageErrors.of(open.page())) {
				if (!mentions(failure, thrown, 0)) {
					failure.addSuppressed(new PageErrors.PageError(thrown));
				}
			}
		}
		throw failure;
	}

	/** Whether the failure already carries this page error (a grader rethrew it). */
	private static boolean mentions(Throwable failure, String thrown, int depth) {
		if (failure == null || depth > 30) {
			return false;
		}
		if (String.valueOf(failure.getMessage()).contains(thrown)) {
			return true;
		}
		for (Throwable suppressed : failure.getSuppressed()) {
			if (mentions(suppressed, thrown, depth + 1)) {
				return true;
			}
		}
		return mentions(failure.getCause(), thrown, depth + 1);
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
			PageErrors.forget(this.page);
			this.context.close();
		}

	}

}
