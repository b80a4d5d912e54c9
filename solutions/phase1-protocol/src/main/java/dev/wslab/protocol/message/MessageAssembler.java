package dev.wslab.protocol.message;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.ProtocolException;

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

	private final Utf8Validator utf8 = new Utf8Validator();

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

	private Opcode type;

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
	 * @throws ProtocolException with 1002 for fragments out of order, 1009 for a message
	 * over the limit, 1007 for invalid UTF-8 in a text message
	 */
	public Optional<Message> accept(Frame frame) {
		Opcode opcode = frame.opcode();
		if (opcode.isControl()) {
			throw new IllegalArgumentException("Control frames are answered, not assembled: " + frame);
		}
		if (opcode == Opcode.CONTINUATION) {
			// §5.4: a continuation frame continues a message; with none started it is an
			// error.
			if (this.type == null) {
				throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "continuation frame with no message to continue");
			}
		}
		else {
			// §5.4: fragments of one message are not interleaved with another message's
			// frames.
			if (this.type != null) {
				throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
						opcode + " frame while a fragmented " + this.type + " message is incomplete");
			}
			this.type = opcode;
			this.utf8.reset();
		}
		if (this.buffer.size() + (long) frame.payload().length > this.maxMessageBytes) {
			throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
					"message exceeds the limit of " + this.maxMessageBytes + " bytes");
		}
		if (this.type == Opcode.TEXT) {
			this.utf8.feed(frame.payload(), 0, frame.payload().length);
		}
		this.buffer.writeBytes(frame.payload());
		if (!frame.fin()) {
			return Optional.empty();
		}
		if (this.type == Opcode.TEXT) {
			this.utf8.finish();
		}
		Message message = new Message(this.type, this.buffer.toByteArray());
		this.buffer.reset();
		this.type = null;
		return Optional.of(message);
	}

}
