package dev.wslab.protocol.frame;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades exercise 1.3: the first two bytes of a frame (RFC 6455 §5.2, §5.5, §5.1). */
@Grades("1.3")
class FrameHeaderGraderTests {

	@Test
	void readsFinOpcodeMaskAndLengthOfTheRfcMaskedHelloFrame() {
		// RFC 6455 §5.7: 0x81 0x85 starts "a single-frame masked text message" of 5
		// bytes.
		FrameHeader header = FrameHeader.parse(0x81, 0x85);

		assertThat(header).isEqualTo(new FrameHeader(true, 0, Opcode.TEXT, true, 5));
	}

	@Test
	void readsANonFinalBinaryFrameWithASixteenBitLengthMarker() {
		FrameHeader header = FrameHeader.parse(0x02, 0x80 | 126);

		assertThat(header).isEqualTo(new FrameHeader(false, 0, Opcode.BINARY, true, 126));
	}

	@ParameterizedTest(name = "RSV bits {0}")
	@ValueSource(ints = { 1, 2, 4, 7 })
	void refusesReservedBitsWithoutAnExtensionWith1002(int rsv) {
		assertThatThrownBy(() -> FrameHeader.parse(0x80 | (rsv << 4) | 0x1, 0x80)).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@ParameterizedTest(name = "opcode 0x{0}")
	@ValueSource(ints = { 0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF })
	void refusesReservedOpcodesWith1002(int opcode) {
		assertThatThrownBy(() -> FrameHeader.parse(0x80 | opcode, 0x80)).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void refusesAFragmentedControlFrameWith1002() {
		assertThatThrownBy(() -> FrameHeader.parse(0x09, 0x80)).as("a ping with FIN=0")
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void refusesAControlFrameLongerThan125BytesWith1002() {
		assertThatThrownBy(() -> FrameHeader.parse(0x89, 0x80 | 126)).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void refusesAnUnmaskedClientFrameWith1002() {
		assertThatThrownBy(() -> FrameHeader.parse(0x81, 0x05)).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

}
