package dev.wslab.protocol.deflate;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import dev.wslab.kit.grading.Grades;
import dev.wslab.protocol.frame.ProtocolException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades stretch exercise 1.13: permessage-deflate (RFC 7692). */
@Grades("1.13")
class PerMessageDeflateGraderTests {

	@Test
	void inflatesTheRfcExampleToHello() {
		// RFC 7692 §7.2.3.1: "Hello" compressed, without the trailing 00 00 ff ff.
		byte[] payload = HexFormat.of().parseHex("f248cdc9c90700");

		assertThat(new String(PerMessageDeflate.decompress(payload, 1024), StandardCharsets.UTF_8)).isEqualTo("Hello");
	}

	@Test
	void compressesWithoutTheTrailingEmptyBlockSoTheRfcDecoderReadsIt() {
		byte[] compressed = PerMessageDeflate.compress("Hello".getBytes(StandardCharsets.UTF_8));

		// Compressors may choose other bytes than the RFC's example; the empty block's
		// tail is never sent.
		assertThat(HexFormat.of().formatHex(compressed)).doesNotEndWith("0000ffff");
		assertThat(new String(PerMessageDeflate.decompress(compressed, 1024), StandardCharsets.UTF_8))
			.isEqualTo("Hello");
	}

	@Test
	void roundTripsALargeRepetitiveMessageAndShrinksIt() {
		byte[] message = "the same line again\n".repeat(5000).getBytes(StandardCharsets.UTF_8);

		byte[] compressed = PerMessageDeflate.compress(message);

		assertThat(compressed.length).isLessThan(message.length / 20);
		assertThat(PerMessageDeflate.decompress(compressed, message.length)).isEqualTo(message);
	}

	@Test
	void stopsADecompressionBombWith1009() {
		byte[] bomb = PerMessageDeflate.compress(new byte[10_000_000]);

		assertThatThrownBy(() -> PerMessageDeflate.decompress(bomb, 1 << 20)).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1009);
	}

	@Test
	void acceptsAPlainOfferAndDeclinesUnknownParameters() {
		assertThat(PerMessageDeflate.negotiate(List.of("permessage-deflate; client_max_window_bits")))
			.contains(PerMessageDeflate.ACCEPTED);
		assertThat(PerMessageDeflate.negotiate(List.of("permessage-deflate; no_such_parameter"))).isEmpty();
		assertThat(PerMessageDeflate.negotiate(List.of("x-webkit-deflate-frame"))).isEmpty();
		assertThat(PerMessageDeflate
			.negotiate(List.of("permessage-deflate; server_max_window_bits=10, permessage-deflate")))
			.as("the second offer is acceptable")
			.contains(PerMessageDeflate.ACCEPTED);
	}

	@Test
	void acceptsAServerWindowOfFifteenBitsOnlyAndDeclinesASmallerOne() {
		assertThat(PerMessageDeflate.negotiate(List.of("permessage-deflate; server_max_window_bits=15")))
			.as("1.13: java.util.zip always uses a 15-bit window")
			.contains(PerMessageDeflate.ACCEPTED);
		assertThat(PerMessageDeflate.negotiate(List.of("permessage-deflate; server_max_window_bits=\"15\"")))
			.as("1.13: §7.1.2.1 allows the value quoted")
			.contains(PerMessageDeflate.ACCEPTED);
		assertThat(PerMessageDeflate.negotiate(List.of("permessage-deflate; server_max_window_bits=10")))
			.as("1.13: a server that cannot use a 10-bit window must decline the offer")
			.isEmpty();
		assertThat(PerMessageDeflate.negotiate(List.of("permessage-deflate; server_max_window_bits")))
			.as("1.13: server_max_window_bits needs a value")
			.isEmpty();
	}

	@Test
	void acceptsAMessageOfExactlyTheLimitAndRefusesOneByteMoreWith1009() {
		byte[] message = "0123456789".repeat(500).getBytes(StandardCharsets.UTF_8);
		byte[] compressed = PerMessageDeflate.compress(message);

		assertThat(PerMessageDeflate.decompress(compressed, message.length)).isEqualTo(message);
		assertThatThrownBy(() -> PerMessageDeflate.decompress(compressed, message.length - 1))
			.as("1.13: 5000 bytes decompressed, with a limit of 4999")
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1009);
	}

}
