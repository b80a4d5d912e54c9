package dev.wslab.protocol.close;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.ProtocolException;

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
		// §7.4.1: 1005, 1006 and 1015 MUST NOT be set as a status code in a close frame.
		if (!isValidOnTheWire(code)) {
			throw new IllegalArgumentException(code + " is not a status code an endpoint may send");
		}
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		if (text.length > MAX_REASON_BYTES) {
			throw new IllegalArgumentException("A close reason has at most 123 bytes; this one has " + text.length);
		}
		byte[] payload = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
		return new Frame(true, 0, Opcode.CLOSE, payload);
	}

	/**
	 * Checks a received close body and returns its status code.
	 * @param payload the close frame's payload
	 * @return the status code, or 1005 when the body is empty
	 * @throws ProtocolException with 1002 for a one-byte body or an invalid code, 1007
	 * for a reason that is not UTF-8
	 */
	public static int receivedCode(byte[] payload) {
		if (payload.length == 0) {
			return CloseCode.NO_STATUS;
		}
		// §5.5.1: if there is a body, its first two bytes are the status code.
		if (payload.length == 1) {
			throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "close frame with a one-byte body");
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		if (!isValidOnTheWire(code)) {
			throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "invalid close code " + code);
		}
		// §5.5.1: the reason is UTF-8; §8.1: invalid UTF-8 fails the connection.
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			CharBuffer ignored = decoder.decode(ByteBuffer.wrap(payload, 2, payload.length - 2));
		}
		catch (CharacterCodingException ex) {
			throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "close reason is not valid UTF-8");
		}
		return code;
	}

	/**
	 * Returns the close frame that answers a received one: the same code (§5.5.1), 1000
	 * when it had none, or the error code when the received frame was invalid.
	 * @param payload the received close payload
	 * @return the close frame to send
	 */
	public static Frame replyTo(byte[] payload) {
		try {
			int code = receivedCode(payload);
			return close((code == CloseCode.NO_STATUS) ? CloseCode.NORMAL : code, "");
		}
		catch (ProtocolException ex) {
			return close(ex.closeCode(), truncate(ex.getMessage()));
		}
	}

	/**
	 * Shortens text to at most 123 bytes of UTF-8 without splitting a character.
	 * @param reason any text
	 * @return a reason that fits a close frame
	 */
	public static String truncate(String reason) {
		String text = (reason == null) ? "" : reason;
		while (text.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
			text = text.substring(0, text.offsetByCodePoints(text.length(), -1));
		}
		return text;
	}

	/**
	 * Returns whether a code may appear in a close frame (§7.4.1, §7.4.2): 1000–1003,
	 * 1007–1014 (1012–1014 were registered with IANA after the RFC), and 3000–4999.
	 * @param code the status code
	 * @return true if valid on the wire
	 */
	public static boolean isValidOnTheWire(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

}
