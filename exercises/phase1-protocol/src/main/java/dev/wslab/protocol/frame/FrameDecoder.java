package dev.wslab.protocol.frame;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Exercise 1.11: an incremental frame decoder, written as an explicit state machine.
 *
 * <p>
 * {@link #decode(ByteBuffer)} takes whatever bytes TCP delivered, returns every frame
 * they complete, and remembers where it stopped, so a frame split across reads at any
 * byte decodes the same as one read whole. Lengths are checked before anything is
 * allocated, and the payload buffer grows only as bytes arrive: a peer that claims a
 * large frame and sends nothing costs nothing.
 */
public final class FrameDecoder {

	/** Where the decoder is within the current frame. */
	enum State {

		/** Waiting for FIN, RSV and opcode. */
		READING_FIRST,

		/** Waiting for MASK and the 7-bit length. */
		READING_SECOND,

		/** Reading the 16- or 64-bit extended length. */
		READING_EXTENDED_LENGTH,

		/** Reading the four-byte masking key. */
		READING_MASKING_KEY,

		/** Reading and unmasking the payload. */
		READING_PAYLOAD,

		/**
		 * A protocol error happened; the connection is closing and nothing more is
		 * decoded.
		 */
		CORRUPT

	}

	private final long maxFramePayload;

	/**
	 * Creates a decoder.
	 * @param maxFramePayload the largest payload accepted in one frame
	 */
	public FrameDecoder(long maxFramePayload) {
		this.maxFramePayload = maxFramePayload;
	}

	/**
	 * Consumes all of {@code input} and returns the frames it completed, in order.
	 * @param input bytes from the socket
	 * @return the complete frames, possibly none
	 * @throws ProtocolException when the peer broke a rule; the decoder is then unusable
	 */
	public List<Frame> decode(ByteBuffer input) {
		// TODO(1.11): keep a State field and move through it one byte (or run of payload
		// bytes) at a
		// time, using FrameHeader.parse, PayloadLength and Masking.apply. Grow the
		// payload array as
		// bytes arrive instead of allocating the claimed length. After a
		// ProtocolException, go CORRUPT
		// and throw IllegalStateException on any later call.
		throw new UnsupportedOperationException("TODO(1.11): write the decoder's state machine in FrameDecoder.decode");
	}

}
