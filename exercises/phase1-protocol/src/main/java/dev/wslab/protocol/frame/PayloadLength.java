package dev.wslab.protocol.frame;

/**
 * Exercise 1.6: the payload length and its three encodings (RFC 6455 §5.2).
 *
 * <p>
 * 0–125 fit in the 7-bit field; 126 means a 16-bit length follows; 127 means a 64-bit
 * length follows. The minimal number of bytes MUST be used, and the 64-bit form's top bit
 * MUST be 0.
 */
public final class PayloadLength {

	private PayloadLength() {
	}

	/**
	 * Returns how many extended length bytes follow the second byte.
	 * @param length7 the 7-bit length field
	 * @return 0, 2 or 8
	 */
	public static int extendedBytes(int length7) {
		// TODO(1.6): 126 -> 2, 127 -> 8, anything else -> 0.
		throw new UnsupportedOperationException(
				"TODO(1.6): say how many length bytes follow in PayloadLength.extendedBytes");
	}

	/**
	 * Decodes the payload length and checks it before anything is allocated for it.
	 * @param length7 the 7-bit length field
	 * @param extended the 0, 2 or 8 extended length bytes, network byte order
	 * @param maxPayload the largest payload this server accepts in one frame
	 * @return the payload length
	 * @throws ProtocolException with 1002 for a non-minimal encoding or a set top bit,
	 * with 1009 for a length above {@code maxPayload}
	 */
	public static long decode(int length7, byte[] extended, long maxPayload) {
		// TODO(1.6): read the extended bytes big-endian; 1002 if the 64-bit top bit is
		// set or a shorter
		// form would have fitted; 1009 if the length is over maxPayload.
		throw new UnsupportedOperationException(
				"TODO(1.6): decode and check the payload length in PayloadLength.decode");
	}

}
