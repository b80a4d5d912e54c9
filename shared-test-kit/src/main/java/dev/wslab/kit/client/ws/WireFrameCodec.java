package dev.wslab.kit.client.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The kit's own frame codec for its test client. It is deliberately independent of the
 * learner's code, so that a grader never trusts the code it grades.
 */
final class WireFrameCodec {

	private WireFrameCodec() {
	}

	/**
	 * How to write the payload length, so graders can send non-minimal encodings on
	 * purpose.
	 */
	enum LengthEncoding {

		/** The shortest form RFC 6455 §5.2 requires. */
		MINIMAL,

		/** Always the 16-bit form. */
		FORCE_16,

		/** Always the 64-bit form. */
		FORCE_64

	}

	static byte[] encode(WireFrame frame, byte[] maskKey, LengthEncoding lengthEncoding) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write((frame.fin() ? 0x80 : 0) | ((frame.rsv() & 0x7) << 4) | (frame.opcode() & 0xF));
		int maskBit = frame.masked() ? 0x80 : 0;
		long length = frame.payload().length;
		LengthEncoding encoding = lengthEncoding;
		if (encoding == LengthEncoding.MINIMAL) {
			encoding = length <= 125 ? null : length <= 0xFFFF ? LengthEncoding.FORCE_16 : LengthEncoding.FORCE_64;
		}
		if (encoding == null) {
			out.write(maskBit | (int) length);
		}
		else if (encoding == LengthEncoding.FORCE_16) {
			out.write(maskBit | 126);
			out.write((int) (length >>> 8) & 0xFF);
			out.write((int) length & 0xFF);
		}
		else {
			out.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				out.write((int) (length >>> shift) & 0xFF);
			}
		}
		byte[] payload = frame.payload().clone();
		if (frame.masked()) {
			out.writeBytes(maskKey);
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= maskKey[i & 3];
			}
		}
		out.writeBytes(payload);
		return out.toByteArray();
	}

	/**
	 * Reads one frame; a payload longer than {@code maxPayload} is refused rather than
	 * allocated.
	 */
	static WireFrame read(InputStream stream, int maxPayload) throws IOException {
		DataInputStream in = new DataInputStream(stream);
		int first = in.readUnsignedByte();
		int second = in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = in.readUnsignedShort();
		}
		else if (length == 127) {
			length = in.readLong();
		}
		if (length < 0 || length > maxPayload) {
			throw new IOException(
					"Server sent a frame of " + length + " bytes, more than the client accepts (" + maxPayload + ")");
		}
		boolean masked = (second & 0x80) != 0;
		byte[] key = masked ? in.readNBytes(4) : null;
		byte[] payload = new byte[(int) length];
		in.readFully(payload);
		if (masked) {
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= key[i & 3];
			}
		}
		return new WireFrame((first & 0x80) != 0, (first >> 4) & 0x7, first & 0xF, masked, payload);
	}

}
