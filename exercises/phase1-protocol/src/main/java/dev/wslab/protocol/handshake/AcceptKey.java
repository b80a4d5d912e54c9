package dev.wslab.protocol.handshake;

/**
 * Exercise 1.1: the {@code Sec-WebSocket-Accept} value a server sends back in its 101
 * response.
 *
 * <p>
 * RFC 6455 §4.2.2: the server appends the fixed GUID to the client's key, hashes the
 * result with SHA-1, and sends the base64 of the 20-byte digest. It proves the server
 * read this handshake; it authenticates nobody.
 */
public final class AcceptKey {

	/** RFC 6455 §1.3: the GUID every server appends to the key. */
	static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private AcceptKey() {
	}

	/**
	 * Computes the accept value for a client's key.
	 * @param secWebSocketKey the {@code Sec-WebSocket-Key} header value, exactly as sent
	 * @return base64(SHA-1(key + GUID))
	 */
	public static String of(String secWebSocketKey) {
		// TODO(1.1): append GUID to the key, SHA-1 the ASCII bytes (MessageDigest),
		// base64 the digest.
		throw new UnsupportedOperationException(
				"TODO(1.1): compute base64(SHA-1(key + GUID)) in AcceptKey.of — see RFC 6455 §4.2.2");
	}

}
