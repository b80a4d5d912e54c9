package dev.wslab.protocol.frame;

/**
 * Exercise 1.3: the first two bytes of a frame and the rules they must obey (RFC 6455
 * §5.2).
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-------+-+-------------+
 * |F|R|R|R| opcode|M| Payload len |
 * |I|S|S|S|  (4)  |A|     (7)     |
 * |N|V|V|V|       |S|             |
 * | |1|2|3|       |K|             |
 * +-+-+-+-+-------+-+-------------+
 * </pre>
 *
 * @param fin the FIN bit
 * @param rsv RSV1 to RSV3 as a number from 0 to 7
 * @param opcode the opcode
 * @param masked the MASK bit
 * @param length7 the 7-bit payload length: 0–125, or 126 or 127 for an extended length
 */
public record FrameHeader(boolean fin, int rsv, Opcode opcode, boolean masked, int length7) {

	/**
	 * Parses and checks the first two bytes of a frame sent by a client.
	 * @param first the first byte, 0–255
	 * @param second the second byte, 0–255
	 * @return the header
	 * @throws ProtocolException with 1002 when a rule is broken
	 */
	public static FrameHeader parse(int first, int second) {
		// TODO(1.3): pull out FIN (0x80), RSV (bits 6-4), opcode (low nibble), MASK (0x80
		// of the
		// second byte) and the 7-bit length. Throw new ProtocolException(1002, ...) for:
		// RSV != 0, a
		// reserved opcode (Opcode.of is empty), a control frame with FIN=0 or length over
		// 125, and an
		// unmasked frame.
		throw new UnsupportedOperationException("TODO(1.3): parse and check the frame header in FrameHeader.parse");
	}

}
