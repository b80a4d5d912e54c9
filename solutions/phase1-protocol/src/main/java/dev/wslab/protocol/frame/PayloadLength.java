package dev.wslab.protocol.frame;

import dev.wslab.protocol.close.CloseCode;

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
		return switch (length7) {
			case 126 -> 2;
			case 127 -> 8;
			default -> 0;
		};
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
		long length = length7;
		if (length7 >= 126) {
			length = 0;
			for (byte b : extended) {
				length = (length << 8) | (b & 0xFF);
			}
			// §5.2: the most significant bit of the 64-bit length MUST be 0.
			if (length7 == 127 && length < 0) {
				throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "64-bit length with the top bit set");
			}
			// §5.2: "the minimal number of bytes MUST be used to encode the length".
			long smallest = (length7 == 126) ? 126 : 0x10000;
			if (length < smallest) {
				throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
						"length " + length + " sent in the " + (extended.length * 8) + "-bit form");
			}
		}
		// §10.4: an implementation SHOULD limit frame sizes; 1009 says why we stop.
		if (length > maxPayload) {
			throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
					"frame of " + length + " bytes exceeds the limit of " + maxPayload);
		}
		return length;
	}

}
