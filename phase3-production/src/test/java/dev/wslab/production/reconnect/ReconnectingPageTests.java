package dev.wslab.production.reconnect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster's page is Phase 2's, with reconnect.js loaded just before chat.js. */
class ReconnectingPageTests {

	@Test
	void loadsReconnectJsJustBeforeChatJs() {
		String page = new ReconnectingPage().page().getBody();

		assertThat(page).contains("""
				<script src="/reconnect.js" defer></script>
				  <script src="/chat.js" defer></script>""");
		assertThat(page).containsOnlyOnce("/reconnect.js").containsOnlyOnce("/chat.js");
	}

	@Test
	void refusesAPhase2PageWithoutItsChatScript() {
		assertThatThrownBy(() -> new ReconnectingPage("<!doctype html><title>no script</title>"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("<script src=\"/chat.js\" defer></script>");
	}

}
