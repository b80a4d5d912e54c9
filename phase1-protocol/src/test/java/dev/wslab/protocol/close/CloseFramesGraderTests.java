package dev.wslab.protocol.close;

import java.util.HexFormat;

import dev.wslab.kit.grading.Grades;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades exercise 1.9: close frames and status codes (RFC 6455 §5.5.1, §7.4). */
@Grades("1.9")
class CloseFramesGraderTests {

	@Test
	void buildsACloseFrameWithTheCodeInNetworkOrderThenTheReason() {
		Frame close = CloseFrames.close(1000, "bye");

		assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
		assertThat(HexFormat.of().formatHex(close.payload())).isEqualTo("03e8627965");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 1005, 1006, 1015 })
	void neverSendsTheCodesReservedForLocalReporting(int code) {
		assertThatThrownBy(() -> CloseFrames.close(code, "")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesAReasonLongerThan123Bytes() {
		assertThat(CloseFrames.close(1000, "x".repeat(123)).payload()).hasSize(125);
		assertThatThrownBy(() -> CloseFrames.close(1000, "x".repeat(124))).isInstanceOf(IllegalArgumentException.class);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 })
	void acceptsValidReceivedCodes(int code) {
		assertThat(CloseFrames.receivedCode(payload(code))).isEqualTo(code);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
	void refusesInvalidReceivedCodesWith1002(int code) {
		assertThatThrownBy(() -> CloseFrames.receivedCode(payload(code))).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void readsAnEmptyBodyAsNoStatusAndRefusesAOneByteBody() {
		assertThat(CloseFrames.receivedCode(new byte[0])).isEqualTo(1005);
		assertThatThrownBy(() -> CloseFrames.receivedCode(new byte[] { 0x03 })).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void refusesAReasonThatIsNotUtf8With1007() {
		byte[] payload = { 0x03, (byte) 0xE8, (byte) 0xC0, (byte) 0x80 };

		assertThatThrownBy(() -> CloseFrames.receivedCode(payload)).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1007);
	}

	@Test
	void repliesWithTheSameCodeOr1000ForAnEmptyCloseOrTheErrorForAnInvalidOne() {
		assertThat(CloseFrames.replyTo(payload(4001)).payload()).startsWith(payload(4001));
		assertThat(CloseFrames.replyTo(new byte[0]).payload()).isEqualTo(payload(1000));
		assertThat(CloseFrames.replyTo(payload(1005)).payload()).startsWith(payload(1002));
	}

	@Test
	void truncatesLongReasonsWithoutSplittingACharacter() {
		String reason = CloseFrames.truncate("é".repeat(100));

		assertThat(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
		assertThat(reason).isEqualTo("é".repeat(61));
	}

	private static byte[] payload(int code) {
		return new byte[] { (byte) (code >> 8), (byte) code };
	}

}
