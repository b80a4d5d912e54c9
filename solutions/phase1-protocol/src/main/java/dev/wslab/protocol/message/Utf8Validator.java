package dev.wslab.protocol.message;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.frame.ProtocolException;

/**
 * Exercise 1.10: checks UTF-8 as the bytes stream in, across fragment boundaries, and
 * fails at the first byte that cannot be part of valid UTF-8 (RFC 6455 §8.1, RFC 3629
 * §4).
 *
 * <p>
 * The table of RFC 3629 §4 is enforced one byte at a time: after a lead byte the next
 * byte's allowed range narrows to rule out overlong forms (E0, F0), UTF-16 surrogates
 * (ED) and code points above U+10FFFF (F4). After refusing a message, by
 * {@code feed} or {@code finish}, the validator is ready for the next one.
 */
public final class Utf8Validator {

	private int remaining;

	private int low = 0x80;

	private int high = 0xBF;

	/**
	 * Checks more bytes.
	 * @param data the buffer
	 * @param offset the first byte
	 * @param length how many bytes
	 * @throws ProtocolException with 1007 at the first invalid byte
	 */
	public void feed(byte[] data, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			int b = data[i] & 0xFF;
			if (this.remaining == 0) {
				lead(b);
			}
			else {
				if (b < this.low || b > this.high) {
					throw invalid(b);
				}
				this.remaining--;
				this.low = 0x80;
				this.high = 0xBF;
			}
		}
	}

	/**
	 * Checks that the message did not end inside a character.
	 * @throws ProtocolException with 1007 if a multi-byte character is incomplete
	 */
	public void finish() {
		if (this.remaining != 0) {
			reset();
			throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "text message ends inside a UTF-8 character");
		}
	}

	/** Forgets any partial character, ready for a new message. */
	public void reset() {
		this.remaining = 0;
		this.low = 0x80;
		this.high = 0xBF;
	}

	private void lead(int b) {
		if (b <= 0x7F) {
			return;
		}
		if (b >= 0xC2 && b <= 0xDF) {
			expect(1, 0x80, 0xBF);
		}
		else if (b == 0xE0) {
			expect(2, 0xA0, 0xBF);
		}
		else if (b == 0xED) {
			expect(2, 0x80, 0x9F);
		}
		else if (b >= 0xE1 && b <= 0xEF) {
			expect(2, 0x80, 0xBF);
		}
		else if (b == 0xF0) {
			expect(3, 0x90, 0xBF);
		}
		else if (b >= 0xF1 && b <= 0xF3) {
			expect(3, 0x80, 0xBF);
		}
		else if (b == 0xF4) {
			expect(3, 0x80, 0x8F);
		}
		else {
			throw invalid(b);
		}
	}

	private void expect(int remaining, int low, int high) {
		this.remaining = remaining;
		this.low = low;
		this.high = high;
	}

	private ProtocolException invalid(int b) {
		reset();
		return new ProtocolException(CloseCode.INVALID_PAYLOAD, "invalid UTF-8 byte 0x" + Integer.toHexString(b));
	}

}
