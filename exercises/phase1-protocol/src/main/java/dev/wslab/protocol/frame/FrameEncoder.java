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
		// TODO(1.5): first byte FIN|RSV|opcode; second byte the length (no mask bit) as
		// 0-125, or 126
		// plus 2 bytes, or 127 plus 8 bytes, big-endian; then the payload.
		throw new UnsupportedOperationException("TODO(1.5): encode a server frame in FrameEncoder.encode");
	}

}
