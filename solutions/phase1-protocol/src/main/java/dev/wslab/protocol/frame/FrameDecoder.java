package dev.wslab.protocol.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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

	private static final int FIRST_CHUNK = 8 * 1024;

	private final long maxFramePayload;

	private State state = State.READING_FIRST;

	private int first;

	private FrameHeader header;

	private final byte[] extended = new byte[8];

	private int extendedNeeded;

	private int extendedRead;

	private final byte[] maskingKey = new byte[4];

	private int keyRead;

	private long length;

	private byte[] payload;

	private int payloadRead;

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
		if (this.state == State.CORRUPT) {
			throw new IllegalStateException("The decoder already failed; the connection must close");
		}
		List<Frame> frames = new ArrayList<>();
		try {
			while (input.hasRemaining()) {
				Frame frame = step(input);
				if (frame != null) {
					frames.add(frame);
				}
			}
		}
		catch (ProtocolException ex) {
			this.state = State.CORRUPT;
			throw ex;
		}
		return frames;
	}

	private Frame step(ByteBuffer input) {
		switch (this.state) {
			case READING_FIRST -> {
				this.first = input.get() & 0xFF;
				this.state = State.READING_SECOND;
			}
			case READING_SECOND -> {
				this.header = FrameHeader.parse(this.first, input.get() & 0xFF);
				this.extendedNeeded = PayloadLength.extendedBytes(this.header.length7());
				this.extendedRead = 0;
				if (this.extendedNeeded == 0) {
					startMaskingKey(PayloadLength.decode(this.header.length7(), new byte[0], this.maxFramePayload));
				}
				else {
					this.state = State.READING_EXTENDED_LENGTH;
				}
			}
			case READING_EXTENDED_LENGTH -> {
				this.extended[this.extendedRead++] = input.get();
				if (this.extendedRead == this.extendedNeeded) {
					byte[] bytes = Arrays.copyOf(this.extended, this.extendedNeeded);
					startMaskingKey(PayloadLength.decode(this.header.length7(), bytes, this.maxFramePayload));
				}
			}
			case READING_MASKING_KEY -> {
				this.maskingKey[this.keyRead++] = input.get();
				if (this.keyRead == 4) {
					this.state = State.READING_PAYLOAD;
					this.payload = new byte[(int) Math.min(this.length, FIRST_CHUNK)];
					this.payloadRead = 0;
					if (this.length == 0) {
						return finishFrame();
					}
				}
			}
			case READING_PAYLOAD -> {
				return readPayload(input);
			}
			case CORRUPT -> throw new IllegalStateException("unreachable");
		}
		return null;
	}

	private void startMaskingKey(long payloadLength) {
		this.length = payloadLength;
		this.keyRead = 0;
		this.state = State.READING_MASKING_KEY;
	}

	private Frame readPayload(ByteBuffer input) {
		int wanted = (int) Math.min(this.length - this.payloadRead, input.remaining());
		if (this.payloadRead + wanted > this.payload.length) {
			// Grow by doubling, never past the (already checked) frame length.
			int capacity = (int) Math.min(this.length, Math.max(this.payload.length * 2L, this.payloadRead + wanted));
			this.payload = Arrays.copyOf(this.payload, capacity);
		}
		input.get(this.payload, this.payloadRead, wanted);
		Masking.apply(this.payload, this.payloadRead, wanted, this.maskingKey, this.payloadRead);
		this.payloadRead += wanted;
		return (this.payloadRead == this.length) ? finishFrame() : null;
	}

	private Frame finishFrame() {
		Frame frame = new Frame(this.header.fin(), this.header.rsv(), this.header.opcode(),
				(this.payload.length == this.length) ? this.payload : Arrays.copyOf(this.payload, (int) this.length));
		this.payload = null;
		this.state = State.READING_FIRST;
		return frame;
	}

}
