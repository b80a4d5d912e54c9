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

	// RFC 3629 §4: the first and last character of every row of the table, so a validator
	// whose ranges are one off (rejecting U+0080, say) fails here.
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "7F", "C2 80", "DF BF", "E0 A0 80", "E0 BF BF", "E1 80 80", "EC BF BF", "ED 80 80",
			"ED 9F BF", "EE 80 80", "EF BF BF", "F0 90 80 80", "F0 BF BF BF", "F1 80 80 80", "F3 BF BF BF",
			"F4 80 80 80", "F4 8F BF BF" })
	void acceptsTheFirstAndLastCharacterOfEveryRowOfTheUtf8Table(String hex) {
		byte[] bytes = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

		assertThatCode(() -> {
			this.validator.feed(bytes, 0, bytes.length);
			this.validator.finish();
		}).as("1.10: %s is valid UTF-8 (RFC 3629 §4)", hex).doesNotThrowAnyException();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "C1 BF", "C2 C0", "DF 7F", "E0 9F BF", "E1 C0 80", "EF BF C0", "ED A0 80", "F0 8F BF BF",
			"F1 C0 80 80", "F3 BF BF C0", "F4 90 80 80", "F5 80 80 80" })
	void refusesBytesJustOutsideEveryRowOfTheUtf8TableWith1007(String hex) {
		byte[] bytes = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

		assertThatThrownBy(() -> this.validator.feed(bytes, 0, bytes.length)).as("1.10: %s is not UTF-8", hex)
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1007);
	}

	@Test
	void startsTheNextMessageCleanAfterRefusingABadByte() {
		byte[] bad = { (byte) 0xE2, 0x41 };
		byte[] next = "a".getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> this.validator.feed(bad, 0, bad.length)).isInstanceOf(ProtocolException.class);

		assertThatCode(() -> {
			this.validator.feed(next, 0, next.length);
			this.validator.finish();
		}).as("1.10: after refusing E2 41, the validator must forget the partial character").doesNotThrowAnyException();
	}

	@Test
	void startsTheNextMessageCleanAfterRefusingATruncatedCharacter() {
		byte[] start = { (byte) 0xE2, (byte) 0x82 };
		byte[] next = "a".getBytes(StandardCharsets.UTF_8);
		this.validator.feed(start, 0, start.length);
		assertThatThrownBy(this.validator::finish).isInstanceOf(ProtocolException.class);

		assertThatCode(() -> {
			this.validator.feed(next, 0, next.length);
			this.validator.finish();
		}).as("1.10: after refusing a truncated character, the validator must forget it").doesNotThrowAnyException();
	}

}
