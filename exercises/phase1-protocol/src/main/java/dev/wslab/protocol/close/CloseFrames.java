package dev.wslab.protocol.close;

import dev.wslab.protocol.frame.Frame;

/**
 * Exercise 1.9: building, checking and answering close frames (RFC 6455 §5.5.1, §7.4).
 *
 * <p>
 * A close body is empty, or a two-byte status code followed by a UTF-8 reason, 125 bytes
 * in all, so a reason has at most 123 bytes.
 */
public final class CloseFrames {

	/** The longest reason that fits a control frame beside the two-byte code. */
	public static final int MAX_REASON_BYTES = 123;

	private CloseFrames() {
	}

	/**
	 * Builds a close frame to send.
	 * @param code the status code
	 * @param reason the reason, at most 123 bytes of UTF-8
	 * @return the frame
	 * @throws IllegalArgumentException for a code that must not be sent, or a reason too
	 * long
	 */
	public static Frame close(int code, String reason) {
		// TODO(1.9): refuse codes that are not valid on the wire and reasons over 123
		// bytes; the
		// payload is the code as two big-endian bytes, then the reason's UTF-8 bytes.
		throw new UnsupportedOperationException("TODO(1.9): build a close frame in CloseFrames.close");
	}

	/**
	 * Checks a received close body and returns its status code.
	 * @param payload the close frame's payload
	 * @return the status code, or 1005 when the body is empty
	 * @throws dev.wslab.protocol.frame.ProtocolException with 1002 for a one-byte body or
	 * an invalid code, 1007 for a reason that is not UTF-8
	 */
	public static int receivedCode(byte[] payload) {
		// TODO(1.9): empty means 1005; one byte is an error; check the code with
		// isValidOnTheWire and
		// the reason with a reporting UTF-8 CharsetDecoder.
		throw new UnsupportedOperationException("TODO(1.9): check a received close in CloseFrames.receivedCode");
	}

	/**
	 * Returns the close frame that answers a received one: the same code (§5.5.1), 1000
	 * when it had none, or the error code when the received frame was invalid.
	 * @param payload the received close payload
	 * @return the close frame to send
	 */
	public static Frame replyTo(byte[] payload) {
		// TODO(1.9): echo the received code, 1000 for none, the ProtocolException's code
		// if invalid.
		throw new UnsupportedOperationException("TODO(1.9): answer a close in CloseFrames.replyTo");
	}

	/**
	 * Shortens text to at most 123 bytes of UTF-8 without splitting a character.
	 * @param reason any text
	 * @return a reason that fits a close frame
	 */
	public static String truncate(String reason) {
		// TODO(1.9): drop whole code points from the end until the UTF-8 form fits.
		throw new UnsupportedOperationException("TODO(1.9): shorten a close reason in CloseFrames.truncate");
	}

	/**
	 * Returns whether a code may appear in a close frame (§7.4.1, §7.4.2): 1000–1003,
	 * 1007–1014 (1012–1014 were registered with IANA after the RFC), and 3000–4999.
	 * @param code the status code
	 * @return true if valid on the wire
	 */
	public static boolean isValidOnTheWire(int code) {
		// TODO(1.9): the ranges in the Javadoc above.
		throw new UnsupportedOperationException(
				"TODO(1.9): say which close codes are valid in CloseFrames.isValidOnTheWire");
	}

}
