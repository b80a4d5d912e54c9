package dev.wslab.protocol.frame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Grades exercise 1.4: masking and unmasking (RFC 6455 §5.3). */
@Grades("1.4")
class MaskingGraderTests {

	private static final byte[] KEY = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	private static final byte[] MASKED_HELLO = { 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58 };

	@Test
	void unmasksTheRfcExampleToHello() {
		byte[] data = MASKED_HELLO.clone();

		Masking.apply(data, 0, data.length, KEY, 0);

		assertThat(new String(data, StandardCharsets.UTF_8)).as("RFC 6455 §5.7's masked \"Hello\"").isEqualTo("Hello");
	}

	@Test
	void unmasksAPayloadThatArrivesInPiecesByItsPositionInThePayload() {
		byte[] data = MASKED_HELLO.clone();

		Masking.apply(data, 0, 3, KEY, 0);
		Masking.apply(data, 3, 2, KEY, 3);

		assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("Hello");
	}

	@Test
	void touchesOnlyTheRangeItIsGiven() {
		byte[] data = { 1, 2, 3, 4, 5, 6 };

		Masking.apply(data, 2, 2, KEY, 0);

		assertThat(Arrays.copyOfRange(data, 0, 2)).containsExactly(1, 2);
		assertThat(Arrays.copyOfRange(data, 4, 6)).containsExactly(5, 6);
		assertThat(data[2]).isEqualTo((byte) (3 ^ 0x37));
	}

	@Test
	void maskingTwiceGivesBackTheOriginal() {
		byte[] original = "masking is its own inverse".getBytes(StandardCharsets.UTF_8);
		byte[] data = original.clone();

		Masking.apply(data, 0, data.length, KEY, 0);
		Masking.apply(data, 0, data.length, KEY, 0);

		assertThat(data).isEqualTo(original);
	}

}
