package dev.wslab.protocol.message;

import java.util.Optional;

import dev.wslab.protocol.frame.Frame;

/**
 * Exercise 1.7: reassembles fragmented messages (RFC 6455 §5.4) and enforces the message
 * size limit; text is checked as UTF-8 fragment by fragment, so bad text fails fast.
 *
 * <p>
 * Control frames may arrive between fragments; the caller answers them and never passes
 * them here, so a message in progress is unaffected.
 */
public final class MessageAssembler {

	private final long maxMessageBytes;

	/**
	 * Creates an assembler.
	 * @param maxMessageBytes the largest message accepted, all fragments together
	 */
	public MessageAssembler(long maxMessageBytes) {
		this.maxMessageBytes = maxMessageBytes;
	}

	/**
	 * Takes the next data frame.
	 * @param frame a TEXT, BINARY or CONTINUATION frame
	 * @return the complete message when this frame finished one
	 * @throws dev.wslab.protocol.frame.ProtocolException with 1002 for fragments out of
	 * order, 1009 for a message over the limit, 1007 for invalid UTF-8 in a text message
	 */
	public Optional<Message> accept(Frame frame) {
		// TODO(1.7): remember the type of the message in progress; 1002 for a
		// CONTINUATION with none, or
		// a TEXT/BINARY while one is open; 1009 past maxMessageBytes; feed text to a
		// Utf8Validator as
		// each fragment arrives; on FIN return the whole Message and start over.
		throw new UnsupportedOperationException("TODO(1.7): reassemble fragments in MessageAssembler.accept");
	}

}
