package dev.wslab.protocol.message;

import java.nio.charset.StandardCharsets;

import dev.wslab.kit.grading.Grades;
import dev.wslab.protocol.frame.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades exercise 1.10: streaming UTF-8 validation (RFC 6455 §8.1, RFC 3629 §4). */
@Grades("1.10")
class Utf8ValidatorGraderTests {

	private final Utf8Validator validator = new Utf8Validator();

	@Test
	void acceptsTextFromEveryUtf8Length() {
		byte[] text = "a é € 𝄞 κόσμε".getBytes(StandardCharsets.UTF_8);

		assertThatCode(() -> {
			this.validator.feed(text, 0, text.length);
			this.validator.finish();
		}).doesNotThrowAnyException();
	}

	@Test
	void acceptsAFourByteCharacterSplitAtEveryByte() {
		byte[] clef = "𝄞".getBytes(StandardCharsets.UTF_8);

		assertThatCode(() -> {
			for (int i = 0; i < clef.length; i++) {
				this.validator.feed(clef, i, 1);
			}
			this.validator.finish();
		}).doesNotThrowAnyException();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "C0 80", "E0 80 80", "F0 80 80 80", "ED A0 80", "F4 90 80 80", "FF", "80", "C2 41" })
	void refusesOverlongSurrogateOutOfRangeAndStrayBytesWith1007(String hex) {
		byte[] bytes = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

		assertThatThrownBy(() -> this.validator.feed(bytes, 0, bytes.length)).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1007);
	}

	@Test
	void refusesTextThatEndsInsideACharacterWith1007() {
		byte[] start = { (byte) 0xE2, (byte) 0x82 };
		this.validator.feed(start, 0, start.length);

		assertThatThrownBy(this.validator::finish).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1007);
	}

}
