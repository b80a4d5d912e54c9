package dev.wslab.protocol.frame;

import java.util.HexFormat;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Grades exercise 1.5: encoding server frames (RFC 6455 §5.2, §5.1). */
@Grades("1.5")
class FrameEncoderGraderTests {

	@Test
	void encodesTheRfcUnmaskedHelloFrame() {
		byte[] bytes = FrameEncoder.encode(Frame.text("Hello"));

		assertThat(hex(bytes)).as("RFC 6455 §5.7's unmasked \"Hello\"").isEqualTo("810548656c6c6f");
	}

	@Test
	void usesTheSixteenBitLengthFrom126To65535Bytes() {
		byte[] bytes = FrameEncoder.encode(Frame.binary(new byte[256]));

		assertThat(hex(bytes).substring(0, 8)).as("RFC 6455 §5.7's 256-byte binary header").isEqualTo("827e0100");
		assertThat(bytes).hasSize(4 + 256);
	}

	@Test
	void usesTheSixtyFourBitLengthFrom65536Bytes() {
		byte[] bytes = FrameEncoder.encode(Frame.binary(new byte[65536]));

		assertThat(hex(bytes).substring(0, 20)).isEqualTo("827f0000000000010000");
		assertThat(bytes).hasSize(10 + 65536);
	}

	@Test
	void keepsTheSevenBitLengthUpTo125Bytes() {
		assertThat(hex(FrameEncoder.encode(Frame.binary(new byte[125]))).substring(0, 4)).isEqualTo("827d");
		assertThat(hex(FrameEncoder.encode(Frame.binary(new byte[126]))).substring(0, 8)).isEqualTo("827e007e");
	}

	@Test
	void writesFinZeroForAFragmentAndNeverSetsTheMaskBit() {
		byte[] bytes = FrameEncoder.encode(new Frame(false, 0, Opcode.TEXT, new byte[] { 'a' }));

		assertThat(bytes[0]).isEqualTo((byte) 0x01);
		assertThat(bytes[1] & 0x80).as("server frames are never masked").isZero();
	}

	@Test
	void encodesAnEmptyPingInTwoBytes() {
		assertThat(hex(FrameEncoder.encode(Frame.ping(new byte[0])))).isEqualTo("8900");
	}

	@Test
	void fitsTheHeaderToTheLengthAtEachBoundary() {
		assertThat(FrameEncoder.encode(Frame.binary(new byte[125]))).as("1.5: 125 bytes take a 2-byte header")
			.hasSize(2 + 125);
		assertThat(FrameEncoder.encode(Frame.binary(new byte[126]))).as("1.5: 126 bytes take a 4-byte header")
			.hasSize(4 + 126);
		byte[] largest16 = FrameEncoder.encode(Frame.binary(new byte[65535]));
		assertThat(hex(largest16).substring(0, 8)).as("1.5: 65535 bytes still fit the 16-bit length")
			.isEqualTo("827effff");
		assertThat(largest16).hasSize(4 + 65535);
	}

	@Test
	void writesTheRsvBitsOfACompressedFrame() {
		byte[] bytes = FrameEncoder.encode(new Frame(true, 0b100, Opcode.TEXT, new byte[] { 'a' }));

		assertThat(bytes[0]).as("1.5: FIN, RSV1 (permessage-deflate) and TEXT are 0xC1").isEqualTo((byte) 0xC1);
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
