package dev.wslab.protocol.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wslab.protocol.close.CloseFrames;
import dev.wslab.protocol.frame.ControlFrames;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.ProtocolException;
import dev.wslab.protocol.message.MessageAssembler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the decoder and the message assembler together, as the server uses them:
 * whatever bytes a client sends, in whatever TCP splits, the only exception allowed is a
 * {@link ProtocolException} carrying a close code a server may send.
 *
 * <p>
 * Every build runs the committed inputs under
 * {@code src/test/resources/dev/wslab/protocol/fuzz/FrameDecoderFuzzTestsInputs/}. To
 * fuzz for new ones:
 * {@code JAZZER_FUZZ=1 ./mvnw -Psolutions -pl phase1-protocol verify -Djazzer.hooks=true -Dtest=FrameDecoderFuzzTests}.
 * The first input byte sets the TCP chunk size, the rest is the stream from the client.
 */
class FrameDecoderFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void decoderAndAssemblerOnlyEverFailWithAProtocolError(byte[] input) {
		if (input.length < 1) {
			return;
		}
		int chunk = 1 + (input[0] & 0x3F);
		FrameDecoder decoder = new FrameDecoder(4096);
		MessageAssembler assembler = new MessageAssembler(8192);
		try {
			for (int from = 1; from < input.length; from += chunk) {
				byte[] piece = Arrays.copyOfRange(input, from, Math.min(input.length, from + chunk));
				for (Frame frame : decoder.decode(ByteBuffer.wrap(piece))) {
					if (frame.opcode() == Opcode.CLOSE) {
						CloseFrames.receivedCode(frame.payload());
					}
					else if (frame.opcode().isControl()) {
						ControlFrames.answer(frame);
					}
					else {
						assembler.accept(frame);
					}
				}
			}
		}
		catch (ProtocolException ex) {
			assertThat(CloseFrames.isValidOnTheWire(ex.closeCode())).as("close code %d", ex.closeCode()).isTrue();
		}
	}

}
