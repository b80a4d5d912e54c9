package dev.wslab.protocol.frame;

import java.util.Optional;

/** The frame opcodes RFC 6455 §5.2 defines; every other value is reserved. */
public enum Opcode {

	/** A continuation fragment of a text or binary message. */
	CONTINUATION(0x0),

	/** The first (or only) frame of a UTF-8 text message. */
	TEXT(0x1),

	/** The first (or only) frame of a binary message. */
	BINARY(0x2),

	/** The close control frame (§5.5.1). */
	CLOSE(0x8),

	/** The ping control frame (§5.5.2). */
	PING(0x9),

	/** The pong control frame (§5.5.3). */
	PONG(0xA);

	private final int code;

	Opcode(int code) {
		this.code = code;
	}

	/**
	 * Returns the four-bit value on the wire.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns whether this is a control opcode: the most significant opcode bit is set
	 * (§5.5).
	 * @return true for close, ping and pong
	 */
	public boolean isControl() {
		return (this.code & 0x8) != 0;
	}

	/**
	 * Looks up a code; reserved codes (0x3–0x7, 0xB–0xF) have no opcode.
	 * @param code the four-bit value
	 * @return the opcode, or empty if the code is reserved
	 */
	public static Optional<Opcode> of(int code) {
		for (Opcode opcode : values()) {
			if (opcode.code == code) {
				return Optional.of(opcode);
			}
		}
		return Optional.empty();
	}

}
