package dev.wslab.protocol.message;

import java.nio.charset.StandardCharsets;

import dev.wslab.protocol.frame.Opcode;

/**
 * A complete application message, reassembled from one or more frames (RFC 6455 §5.4).
 *
 * @param type {@link Opcode#TEXT} or {@link Opcode#BINARY}
 * @param payload the whole message
 */
public record Message(Opcode type, byte[] payload) {

	/**
	 * A text message.
	 * @param text the text
	 * @return the message
	 */
	public static Message text(String text) {
		return new Message(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns the payload as text.
	 * @return the UTF-8 decoded payload
	 */
	public String text() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

}
