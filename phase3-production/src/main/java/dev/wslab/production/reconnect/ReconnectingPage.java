package dev.wslab.production.reconnect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The cluster's chat page: Phase 2's page, unchanged, with exercise 3.17's
 * {@code reconnect.js} loaded just before {@code chat.js}, whose connection code uses
 * {@code window.ChatReconnect} when it is there. The page is read from Phase 2 once, so
 * nothing is copied that could drift; a Phase 2 page without its {@code chat.js} tag
 * stops the instance at start-up rather than serve a page without the reconnection.
 */
@Controller
class ReconnectingPage {

	static final String CHAT_SCRIPT = "<script src=\"/chat.js\" defer></script>";

	static final String RECONNECT_SCRIPT = "<script src=\"/reconnect.js\" defer></script>";

	private final String html;

	ReconnectingPage() {
		this(phase2Page());
	}

	ReconnectingPage(String phase2Page) {
		if (!phase2Page.contains(CHAT_SCRIPT)) {
			throw new IllegalStateException("Phase 2's index.html has no " + CHAT_SCRIPT
					+ " to load reconnect.js before; the cluster's page cannot be built");
		}
		// Deferred scripts run in document order: ChatReconnect exists when chat.js runs.
		this.html = phase2Page.replace(CHAT_SCRIPT, RECONNECT_SCRIPT + "\n  " + CHAT_SCRIPT);
	}

	@GetMapping({ "/", "/index.html" })
	ResponseEntity<String> page() {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(this.html);
	}

	private static String phase2Page() {
		try {
			return new ClassPathResource("static/index.html").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Phase 2's static/index.html is not on the class path", ex);
		}
	}

}
