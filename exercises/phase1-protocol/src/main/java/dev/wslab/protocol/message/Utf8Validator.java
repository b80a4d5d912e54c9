package dev.wslab.protocol.message;

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

	/**
	 * Checks more bytes.
	 * @param data the buffer
	 * @param offset the first byte
	 * @param length how many bytes
	 * @throws dev.wslab.protocol.frame.ProtocolException with 1007 at the first invalid
	 * byte
	 */
	public void feed(byte[] data, int offset, int length) {
		// TODO(1.10): remember how many continuation bytes are still expected and the
		// allowed range
		// of the next one (RFC 3629 §4's table); throw ProtocolException(1007, ...) on
		// the first misfit.
		throw new UnsupportedOperationException("TODO(1.10): validate UTF-8 incrementally in Utf8Validator.feed");
	}

	/**
	 * Checks that the message did not end inside a character.
	 * @throws dev.wslab.protocol.frame.ProtocolException with 1007 if a multi-byte
	 * character is incomplete
	 */
	public void finish() {
		// TODO(1.10): a message must not end while continuation bytes are still expected.
		throw new UnsupportedOperationException("TODO(1.10): reject a truncated character in Utf8Validator.finish");
	}

	/** Forgets any partial character, ready for a new message. */
	public void reset() {
		// TODO(1.10): clear the state kept by feed.
		throw new UnsupportedOperationException("TODO(1.10): clear the validator in Utf8Validator.reset");
	}

}
