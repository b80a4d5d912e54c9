package dev.wslab.spring.reactive;

import java.net.URI;
import java.util.regex.Pattern;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The reactive chat's display names, from {@code ?name=} on the WebSocket URL. The
 * reactive chat teaches back-pressure and shutdown; it has no sign-in (the STOMP chat
 * does), so a name is only a label.
 */
final class Names {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,20}");

	private Names() {
	}

	static String fromQuery(URI uri) {
		String name = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("name");
		return (name != null && NAME.matcher(name).matches()) ? name : "guest";
	}

}
