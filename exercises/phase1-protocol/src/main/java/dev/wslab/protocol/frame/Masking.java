package dev.wslab.protocol.frame;

/**
 * Exercise 1.4: unmasking client payloads (RFC 6455 §5.3).
 *
 * <p>
 * Byte {@code i} of the payload is XORed with byte {@code i mod 4} of the masking key.
 * Masking and unmasking are the same operation. The payload may arrive in pieces, so the
 * caller says where in the payload a piece starts.
 */
public final class Masking {

	private Masking() {
	}

	/**
	 * Unmasks (or masks) bytes in place.
	 * @param data the buffer
	 * @param offset where the bytes start in the buffer
	 * @param length how many bytes
	 * @param key the four-byte masking key
	 * @param payloadPosition the index within the whole payload of {@code data[offset]}
	 */
	public static void apply(byte[] data, int offset, int length, byte[] key, long payloadPosition) {
		// TODO(1.4): XOR each byte with key[(payloadPosition + i) % 4].
		throw new UnsupportedOperationException("TODO(1.4): XOR the payload with the masking key in Masking.apply");
	}

}
