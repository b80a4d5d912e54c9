package dev.wslab.protocol.frame;

import java.nio.charset.StandardCharsets;

/**
 * One WebSocket frame with its payload already unmasked (RFC 6455 §5.2).
 *
 * @param fin whether this is the final fragment of a message
 * @param rsv the three reserved bits as a number from 0 to 7; zero unless an extension
 * says otherwise
 * @param opcode the opcode
 * @param payload the application data
 */
public record Frame(boolean fin, int rsv, Opcode opcode, byte[] payload) {

	/**
	 * A final text frame.
	 * @param text the message
	 * @return the frame
	 */
	public static Frame text(String text) {
		return new Frame(true, 0, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A final binary frame.
	 * @param data the message
	 * @return the frame
	 */
	public static Frame binary(byte[] data) {
		return new Frame(true, 0, Opcode.BINARY, data);
	}

	/**
	 * A ping with application data.
	 * @param data at most 125 bytes
	 * @return the frame
	 */
	public static Frame ping(byte[] data) {
		return new Frame(true, 0, Opcode.PING, data);
	}

	/**
	 * A pong with application data.
	 * @param data at most 125 bytes
	 * @return the frame
	 */
	public static Frame pong(byte[] data) {
		return new Frame(true, 0, Opcode.PONG, data);
	}

	/**
	 * Returns the payload as UTF-8 text.
	 * @return the text
	 */
	public String text() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.opcode + (this.fin ? "" : " (not final)") + (this.rsv != 0 ? " rsv=" + this.rsv : "") + " len="
				+ this.payload.length;
	}

}
