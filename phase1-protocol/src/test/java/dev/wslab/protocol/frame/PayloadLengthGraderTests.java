package dev.wslab.protocol.frame;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades exercise 1.6: payload lengths (RFC 6455 §5.2). */
@Grades("1.6")
class PayloadLengthGraderTests {

	private static final long LIMIT = 1 << 20;

	@Test
	void saysHowManyExtendedLengthBytesFollow() {
		assertThat(PayloadLength.extendedBytes(125)).isZero();
		assertThat(PayloadLength.extendedBytes(126)).isEqualTo(2);
		assertThat(PayloadLength.extendedBytes(127)).isEqualTo(8);
	}

	@Test
	void decodesEachOfTheThreeForms() {
		assertThat(PayloadLength.decode(5, new byte[0], LIMIT)).isEqualTo(5);
		assertThat(PayloadLength.decode(126, new byte[] { 0x01, 0x00 }, LIMIT)).isEqualTo(256);
		assertThat(PayloadLength.decode(127, new byte[] { 0, 0, 0, 0, 0, 1, 0, 0 }, LIMIT)).isEqualTo(65536);
	}

	@Test
	void refusesALengthThatFitsAShorterFormWith1002() {
		assertThatThrownBy(() -> PayloadLength.decode(126, new byte[] { 0x00, 0x7D }, LIMIT))
			.as("125 in the 16-bit form")
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
		assertThatThrownBy(
				() -> PayloadLength.decode(127, new byte[] { 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF }, LIMIT))
			.as("65535 in the 64-bit form")
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void refusesASixtyFourBitLengthWithTheTopBitSetWith1002() {
		assertThatThrownBy(
				() -> PayloadLength.decode(127, new byte[] { (byte) 0x80, 0, 0, 0, 0, 0, 0, 1 }, Long.MAX_VALUE))
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void refusesALengthAboveTheLimitWith1009AndAcceptsTheLimitItself() {
		assertThat(PayloadLength.decode(126, new byte[] { 0x04, 0x00 }, 1024)).isEqualTo(1024);
		assertThatThrownBy(() -> PayloadLength.decode(126, new byte[] { 0x04, 0x01 }, 1024))
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1009);
	}

}
