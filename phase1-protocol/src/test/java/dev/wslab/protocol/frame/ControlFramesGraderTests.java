package dev.wslab.protocol.frame;

import java.nio.charset.StandardCharsets;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Grades exercise 1.8: answering pings and pongs (RFC 6455 §5.5.2, §5.5.3). */
@Grades("1.8")
class ControlFramesGraderTests {

	@Test
	void answersAPingWithAPongCarryingIdenticalData() {
		Frame pong = ControlFrames.answer(Frame.ping("are you there?".getBytes(StandardCharsets.UTF_8))).orElseThrow();

		assertThat(pong.opcode()).isEqualTo(Opcode.PONG);
		assertThat(pong.fin()).isTrue();
		assertThat(pong.text()).isEqualTo("are you there?");
	}

	@Test
	void echoesBinaryAndEmptyPingPayloadsByteForByte() {
		byte[] binary = new byte[125];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) (255 - i);
		}

		assertThat(ControlFrames.answer(Frame.ping(binary)).orElseThrow().payload()).isEqualTo(binary);
		assertThat(ControlFrames.answer(Frame.ping(new byte[0])).orElseThrow().payload()).isEmpty();
	}

	@Test
	void ignoresAnUnsolicitedPong() {
		assertThat(ControlFrames.answer(Frame.pong(new byte[] { 1 }))).as("a pong needs no answer").isEmpty();
	}

}
