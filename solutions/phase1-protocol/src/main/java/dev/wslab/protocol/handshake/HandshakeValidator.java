package dev.wslab.protocol.handshake;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Exercise 1.2: decides the answer to an opening handshake (RFC 6455 §4.2.1 and §4.2.2).
 *
 * <p>
 * Every refusal names the rule that was broken, so a developer reading the response body
 * knows what to fix.
 */
public final class HandshakeValidator {

	private final HandshakePolicy policy;

	/**
	 * Creates a validator.
	 * @param policy the path, origins and subprotocols this server accepts
	 */
	public HandshakeValidator(HandshakePolicy policy) {
		this.policy = policy;
	}

	/**
	 * Validates the request and builds the response: 101, or 400, 403, 404 or 426.
	 * @param request the request head
	 * @return the response to send
	 */
	public HandshakeResponse answer(HttpRequestHead request) {
		// §4.2.1 (1): an HTTP/1.1 or higher GET request.
		if (!"GET".equals(request.method())) {
			return badRequest("The opening handshake must be a GET request, not " + request.method());
		}
		if (!request.version().equals("HTTP/1.1")) {
			return badRequest("The opening handshake needs HTTP/1.1, not " + request.version());
		}
		if (!request.path().equals(this.policy.path())) {
			return HandshakeResponse.refuse(404, "Not Found", "No WebSocket endpoint at " + request.path());
		}
		// §4.2.1 (2): a Host header.
		if (request.value("Host") == null) {
			return badRequest("Missing Host header");
		}
		// §4.2.1 (3) and (4): Upgrade includes "websocket" and Connection includes
		// "Upgrade", as tokens.
		if (!request.tokens("Upgrade").contains("websocket")) {
			return badRequest("The Upgrade header must include the token websocket");
		}
		if (!request.tokens("Connection").contains("upgrade")) {
			return badRequest("The Connection header must include the token Upgrade");
		}
		// §4.2.1 (5): a key that is base64 of 16 bytes, sent exactly once.
		List<String> keys = request.values("Sec-WebSocket-Key");
		if (keys.size() != 1 || !isSixteenBytesOfBase64(keys.get(0))) {
			return badRequest("Sec-WebSocket-Key must appear once and be the base64 of 16 bytes");
		}
		// §4.2.1 (6) and §4.4: any version but 13 gets 426 with the version we speak.
		List<String> versions = request.values("Sec-WebSocket-Version");
		if (versions.isEmpty()) {
			return badRequest("Missing Sec-WebSocket-Version header");
		}
		if (versions.size() != 1 || !versions.get(0).equals("13")) {
			return HandshakeResponse.refuse(426, "Upgrade Required", "This server speaks WebSocket version 13 only",
					Map.of("Sec-WebSocket-Version", "13"));
		}
		// §10.2: browsers always send Origin, so an allowlist stops cross-site WebSocket
		// hijacking.
		String origin = request.value("Origin");
		if (origin != null && !this.policy.allowedOrigins().contains(origin)) {
			return HandshakeResponse.refuse(403, "Forbidden", "Origin " + origin + " is not allowed");
		}
		return HandshakeResponse.switching(AcceptKey.of(keys.get(0)), chooseSubprotocol(request));
	}

	/**
	 * §4.2.2 (5.4): pick one of the client's subprotocols, the one this server prefers
	 * most.
	 */
	private String chooseSubprotocol(HttpRequestHead request) {
		List<String> offered = request.values("Sec-WebSocket-Protocol")
			.stream()
			.flatMap((value) -> List.of(value.split(",")).stream())
			.map(String::trim)
			.toList();
		return this.policy.subprotocols().stream().filter(offered::contains).findFirst().orElse(null);
	}

	private static boolean isSixteenBytesOfBase64(String key) {
		try {
			return key.length() == 24 && Base64.getDecoder().decode(key).length == 16;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static HandshakeResponse badRequest(String why) {
		return HandshakeResponse.refuse(400, "Bad Request", why);
	}

}
