package dev.wslab.protocol.frame;

/**
 * Exercise 1.5: writes server frames (RFC 6455 §5.2). A server MUST NOT mask its frames
 * (§5.1) and uses the shortest length encoding.
 */
public final class FrameEncoder {

	private FrameEncoder() {
	}

	/**
	 * Encodes one frame.
	 * @param frame the frame
	 * @return the bytes for the wire
	 */
	public static byte[] encode(Frame frame) {
		byte[] payload = frame.payload();
		int length = payload.length;
		int headerLength = (length <= 125) ? 2 : (length <= 0xFFFF) ? 4 : 10;
		byte[] out = new byte[headerLength + length];
		out[0] = (byte) ((frame.fin() ? 0x80 : 0) | (frame.rsv() << 4) | frame.opcode().code());
		if (length <= 125) {
			out[1] = (byte) length;
		}
		else if (length <= 0xFFFF) {
			out[1] = 126;
			out[2] = (byte) (length >>> 8);
			out[3] = (byte) length;
		}
		else {
			out[1] = 127;
			long wide = length;
			for (int i = 0; i < 8; i++) {
				out[2 + i] = (byte) (wide >>> (56 - 8 * i));
			}
		}
		System.arraycopy(payload, 0, out, headerLength, length);
		return out;
	}

}
