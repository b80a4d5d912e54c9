package dev.wslab.protocol.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.wslab.kit.client.ws.WireFrame;
import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades exercise 1.11: the incremental frame decoder (RFC 6455 §5.2). */
@Grades("1.11")
class FrameDecoderGraderTests {

	private static final byte[] KEY = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	private final FrameDecoder decoder = new FrameDecoder(1 << 20);

	@Test
	void decodesTheRfcMaskedHelloFrame() {
		List<Frame> frames = this.decoder.decode(ByteBuffer.wrap(HexFormat.of().parseHex("818537fa213d7f9f4d5158")));

		assertThat(frames).singleElement().satisfies((frame) -> {
			assertThat(frame.opcode()).isEqualTo(Opcode.TEXT);
			assertThat(frame.fin()).isTrue();
			assertThat(frame.text()).isEqualTo("Hello");
		});
	}

	@Test
	void decodesTheSameFrameWhenTcpDeliversItOneByteAtATime() {
		byte[] bytes = WireFrame.text("x".repeat(300)).encode(KEY);
		List<Frame> frames = new ArrayList<>();

		for (byte b : bytes) {
			frames.addAll(this.decoder.decode(ByteBuffer.wrap(new byte[] { b })));
		}

		assertThat(frames).singleElement().extracting(Frame::text).isEqualTo("x".repeat(300));
	}

	@Test
	void returnsEveryFrameInOneReadAndKeepsTheRestForLater() {
		byte[] ping = WireFrame.ping(new byte[0]).encode(KEY);
		byte[] text = WireFrame.text("after").encode(KEY);
		byte[] joined = ByteBuffer.allocate(ping.length + text.length - 2)
			.put(ping)
			.put(text, 0, text.length - 2)
			.array();

		List<Frame> first = this.decoder.decode(ByteBuffer.wrap(joined));
		List<Frame> second = this.decoder.decode(ByteBuffer.wrap(text, text.length - 2, 2));

		assertThat(first).extracting(Frame::opcode).containsExactly(Opcode.PING);
		assertThat(second).singleElement().extracting(Frame::text).isEqualTo("after");
	}

	@Test
	void decodesSixteenAndSixtyFourBitLengths() {
		byte[] medium = WireFrame.binary(new byte[70_000]).encode(KEY);
		byte[] small = WireFrame.binary(new byte[300]).encode(KEY);

		assertThat(this.decoder.decode(ByteBuffer.wrap(small))).singleElement()
			.extracting((frame) -> frame.payload().length)
			.isEqualTo(300);
		assertThat(this.decoder.decode(ByteBuffer.wrap(medium))).singleElement()
			.extracting((frame) -> frame.payload().length)
			.isEqualTo(70_000);
	}

	@Test
	void refusesAFrameOverTheLimitWith1009BeforeItsPayloadArrives() {
		FrameDecoder small = new FrameDecoder(1024);
		byte[] header = { (byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 0x40, 0, 0, 0 };

		assertThatThrownBy(() -> small.decode(ByteBuffer.wrap(header))).as("a 1 GiB claim with no payload sent")
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1009);
	}

	@Test
	void refusesEverythingAfterAProtocolError() {
		assertThatThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(new byte[] { (byte) 0x81, 0x05 })))
			.isInstanceOf(ProtocolException.class);

		assertThatThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(WireFrame.text("more").encode(KEY))))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void decodesEmptyControlFramesWithoutWaitingForMoreBytes() {
		List<Frame> frames = this.decoder.decode(ByteBuffer.wrap(WireFrame.ping(new byte[0]).encode(KEY)));

		assertThat(frames).singleElement().satisfies((frame) -> {
			assertThat(frame.opcode()).isEqualTo(Opcode.PING);
			assertThat(frame.payload()).isEmpty();
		});
	}

}
