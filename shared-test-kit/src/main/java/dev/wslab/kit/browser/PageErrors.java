package dev.wslab.kit.browser;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Page;

/**
 * The exceptions a page's scripts threw and did not catch, for the pages that
 * {@link WithChromium} opened. A script's failure happens in the browser, where a test
 * would otherwise see it only as a wait that never ends: a grader calls
 * {@link #rethrow(Page)} while it waits, and {@link WithChromium} adds what the pages
 * threw to any failure of the test, so that a starter's {@code TODO(id)} thrown in the
 * page reaches the failure's causes, where the scoreboard reads it.
 */
public final class PageErrors {

	private static final Map<Page, List<String>> THROWN = new WeakHashMap<>();

	private PageErrors() {
	}

	/**
	 * Returns what a page has thrown so far.
	 * @param page a page that {@link WithChromium} opened
	 * @return each uncaught exception's text (its message and the script's stack), in
	 * order; empty for a page the kit did not open
	 */
	public static List<String> of(Page page) {
		synchronized (THROWN) {
			List<String> thrown = THROWN.get(page);
			return (thrown != null) ? List.copyOf(thrown) : List.of();
		}
	}

	/**
	 * Throws the first exception a page threw, if it threw one.
	 * @param page a page that {@link WithChromium} opened
	 * @throws PageError the page's first uncaught exception
	 */
	public static void rethrow(Page page) {
		List<String> thrown = of(page);
		if (!thrown.isEmpty()) {
			throw new PageError(thrown.get(0));
		}
	}

	static void watch(Page page) {
		List<String> thrown = new CopyOnWriteArrayList<>();
		synchronized (THROWN) {
			THROWN.put(page, thrown);
		}
		page.onPageError(thrown::add);
	}

	static void forget(Page page) {
		synchronized (THROWN) {
			THROWN.remove(page);
		}
	}

	/** An exception a page's script threw and did not catch. */
	public static final class PageError extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PageError(String thrown) {
			super("The page threw: " + thrown, null, false, false);
		}

	}

}
