package dev.wslab.protocol.handshake;

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
		// TODO(1.2): check, in order: GET and HTTP/1.1 (400), the policy's path (404),
		// Host (400),
		// the Upgrade and Connection tokens (400), one 16-byte base64 key (400), version
		// 13 (426 with
		// Sec-WebSocket-Version: 13), the Origin allowlist (403). Then answer 101 with
		// AcceptKey.of(key)
		// and the subprotocol this.policy prefers among those offered. HandshakeResponse
		// has helpers.
		throw new UnsupportedOperationException("TODO(1.2): validate the upgrade request in HandshakeValidator.answer");
	}

}
