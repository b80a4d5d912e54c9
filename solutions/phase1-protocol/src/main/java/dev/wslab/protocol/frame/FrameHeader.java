package dev.wslab.protocol.frame;

import dev.wslab.protocol.close.CloseCode;

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
		boolean fin = (first & 0x80) != 0;
		int rsv = (first >> 4) & 0x7;
		int code = first & 0xF;
		boolean masked = (second & 0x80) != 0;
		int length7 = second & 0x7F;
		// §5.2: RSV bits MUST be 0 unless an extension that defines them was negotiated.
		if (rsv != 0) {
			throw violation("reserved bits set (RSV=" + rsv + ") but no extension was negotiated");
		}
		// §5.2: a reserved opcode MUST fail the connection.
		Opcode opcode = Opcode.of(code).orElseThrow(() -> violation("reserved opcode 0x" + Integer.toHexString(code)));
		if (opcode.isControl()) {
			// §5.5: control frames MUST NOT be fragmented.
			if (!fin) {
				throw violation(opcode + " frame is fragmented (FIN=0)");
			}
			// §5.5: control frames MUST have a payload length of 125 bytes or less.
			if (length7 > 125) {
				throw violation(opcode + " frame longer than 125 bytes");
			}
		}
		// §5.1: a server MUST close the connection on an unmasked client frame.
		if (!masked) {
			throw violation("client frame is not masked");
		}
		return new FrameHeader(fin, rsv, opcode, masked, length7);
	}

	private static ProtocolException violation(String what) {
		return new ProtocolException(CloseCode.PROTOCOL_ERROR, what);
	}

}
