package dev.wslab.protocol.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

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
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			// The key and GUID are ASCII by construction (base64 and hex digits).
			byte[] digest = sha1.digest((secWebSocketKey + GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must provide SHA-1", ex);
		}
	}

}
