package dev.wslab.kit.client.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket frame as it crossed the wire (RFC 6455 §5.2), in either direction.
 *
 * @param fin whether this is the final fragment
 * @param rsv the three reserved bits, as a number from 0 to 7
 * @param opcode the four-bit opcode
 * @param masked whether the frame carried a masking key
 * @param payload the unmasked payload
 */
public record WireFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

	/** Continuation frame opcode. */
	public static final int CONTINUATION = 0x0;

	/** Text frame opcode. */
	public static final int TEXT = 0x1;

	/** Binary frame opcode. */
	public static final int BINARY = 0x2;

	/** Close frame opcode. */
	public static final int CLOSE = 0x8;

	/** Ping frame opcode. */
	public static final int PING = 0x9;

	/** Pong frame opcode. */
	public static final int PONG = 0xA;

	/**
	 * A final, masked text frame, as a client sends it.
	 * @param text the message
	 * @return the frame
	 */
	public static WireFrame text(String text) {
		return new WireFrame(true, 0, TEXT, true, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A final, masked binary frame.
	 * @param data the message
	 * @return the frame
	 */
	public static WireFrame binary(byte[] data) {
		return new WireFrame(true, 0, BINARY, true, data);
	}

	/**
	 * A masked close frame with a status code and reason (RFC 6455 §5.5.1).
	 * @param code the status code
	 * @param reason the reason, possibly empty
	 * @return the frame
	 */
	public static WireFrame close(int code, String reason) {
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		return new WireFrame(true, 0, CLOSE, true,
				ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
	}

	/**
	 * A masked ping frame.
	 * @param data application data, at most 125 bytes for a valid ping
	 * @return the frame
	 */
	public static WireFrame ping(byte[] data) {
		return new WireFrame(true, 0, PING, true, data);
	}

	/**
	 * Returns a copy with the FIN bit changed.
	 * @param fin the new FIN bit
	 * @return the frame
	 */
	public WireFrame withFin(boolean fin) {
		return new WireFrame(fin, this.rsv, this.opcode, this.masked, this.payload);
	}

	/**
	 * Returns a copy with another opcode, for continuation frames and reserved opcodes.
	 * @param opcode the new opcode
	 * @return the frame
	 */
	public WireFrame withOpcode(int opcode) {
		return new WireFrame(this.fin, this.rsv, opcode, this.masked, this.payload);
	}

	/**
	 * Returns a copy with other reserved bits.
	 * @param rsv the reserved bits, 0 to 7
	 * @return the frame
	 */
	public WireFrame withRsv(int rsv) {
		return new WireFrame(this.fin, rsv, this.opcode, this.masked, this.payload);
	}

	/**
	 * Returns a copy sent with or without a masking key.
	 * @param masked whether to mask
	 * @return the frame
	 */
	public WireFrame withMask(boolean masked) {
		return new WireFrame(this.fin, this.rsv, this.opcode, masked, this.payload);
	}

	/**
	 * Encodes this frame as it goes on the wire, masked with the given key when
	 * {@link #masked()}. The kit's own encoder: graders use it to feed bytes to the code
	 * they grade.
	 * @param maskKey the four-byte masking key
	 * @return the bytes
	 */
	public byte[] encode(byte[] maskKey) {
		return WireFrameCodec.encode(this, maskKey, WireFrameCodec.LengthEncoding.MINIMAL);
	}

	/**
	 * Decodes the payload as UTF-8.
	 * @return the text
	 */
	public String text() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	/**
	 * Returns the status code of a close frame, or 1005 when the close frame has no body.
	 * @return the close code
	 */
	public int closeCode() {
		if (this.opcode != CLOSE) {
			throw new IllegalStateException("Not a close frame: " + this);
		}
		return this.payload.length < 2 ? 1005 : ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
	}

	@Override
	public String toString() {
		String name = switch (this.opcode) {
			case CONTINUATION -> "CONT";
			case TEXT -> "TEXT";
			case BINARY -> "BINARY";
			case CLOSE -> "CLOSE";
			case PING -> "PING";
			case PONG -> "PONG";
			default -> "OP" + this.opcode;
		};
		StringBuilder text = new StringBuilder(name).append(" fin=").append(this.fin ? 1 : 0);
		if (this.rsv != 0) {
			text.append(" rsv=").append(this.rsv);
		}
		text.append(this.masked ? " masked" : "").append(" len=").append(this.payload.length);
		if (this.opcode == CLOSE && this.payload.length >= 2) {
			text.append(" code=")
				.append(closeCode())
				.append(" reason='")
				.append(new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8))
				.append('\'');
		}
		else if (this.payload.length > 0) {
			text.append(" '").append(preview()).append('\'');
		}
		return text.toString();
	}

	private String preview() {
		String text = this.opcode == BINARY ? hex() : text().replace("\n", "\\n");
		return text.length() > 60 ? text.substring(0, 60) + "…" : text;
	}

	private String hex() {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < Math.min(this.payload.length, 30); i++) {
			hex.append(String.format("%02x", this.payload[i]));
		}
		return hex.toString();
	}

}
