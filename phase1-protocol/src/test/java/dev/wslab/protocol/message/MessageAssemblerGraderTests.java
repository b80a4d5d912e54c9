package dev.wslab.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import dev.wslab.kit.grading.Grades;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.ProtocolException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades exercise 1.7: reassembling fragmented messages (RFC 6455 §5.4). */
@Grades("1.7")
class MessageAssemblerGraderTests {

	private final MessageAssembler assembler = new MessageAssembler(1024);

	@Test
	void passesAnUnfragmentedMessageThroughWhole() {
		Optional<Message> message = this.assembler.accept(Frame.text("whole"));

		assertThat(message).get().extracting(Message::text).isEqualTo("whole");
	}

	@Test
	void joinsATextMessageSentInThreeFragments() {
		assertThat(this.assembler.accept(fragment(Opcode.TEXT, false, "frag"))).isEmpty();
		assertThat(this.assembler.accept(fragment(Opcode.CONTINUATION, false, "men"))).isEmpty();

		Optional<Message> message = this.assembler.accept(fragment(Opcode.CONTINUATION, true, "ted"));

		assertThat(message).get().satisfies((m) -> {
			assertThat(m.type()).isEqualTo(Opcode.TEXT);
			assertThat(m.text()).isEqualTo("fragmented");
		});
	}

	@Test
	void startsFreshAfterEachCompleteMessage() {
		this.assembler.accept(fragment(Opcode.BINARY, false, "ab"));
		this.assembler.accept(fragment(Opcode.CONTINUATION, true, "cd"));

		assertThat(this.assembler.accept(Frame.text("next"))).get().extracting(Message::text).isEqualTo("next");
	}

	@Test
	void refusesAContinuationWithNothingToContinueWith1002() {
		assertThatThrownBy(() -> this.assembler.accept(fragment(Opcode.CONTINUATION, true, "orphan")))
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void refusesANewMessageInsideAFragmentedOneWith1002() {
		this.assembler.accept(fragment(Opcode.TEXT, false, "first"));

		assertThatThrownBy(() -> this.assembler.accept(Frame.text("second"))).isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1002);
	}

	@Test
	void refusesAMessageOverTheLimitAcrossFragmentsWith1009() {
		byte[] half = new byte[600];
		this.assembler.accept(new Frame(false, 0, Opcode.BINARY, half));

		assertThatThrownBy(() -> this.assembler.accept(new Frame(true, 0, Opcode.CONTINUATION, half)))
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1009);
	}

	@Test
	void failsFastWith1007OnInvalidUtf8InAnEarlyFragment() {
		byte[] invalid = { 'o', 'k', (byte) 0xC0, (byte) 0x80 };

		assertThatThrownBy(() -> this.assembler.accept(new Frame(false, 0, Opcode.TEXT, invalid)))
			.as("the overlong C0 80 must fail before the message ends")
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1007);
	}

	@Test
	void acceptsACharacterSplitAcrossFragments() {
		byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
		this.assembler.accept(new Frame(false, 0, Opcode.TEXT, Arrays.copyOfRange(euro, 0, 1)));

		Optional<Message> message = this.assembler
			.accept(new Frame(true, 0, Opcode.CONTINUATION, Arrays.copyOfRange(euro, 1, 3)));

		assertThat(message).get().extracting(Message::text).isEqualTo("€");
	}

	@Test
	void doesNotCheckBinaryMessagesAsText() {
		byte[] notUtf8 = { (byte) 0xFF, (byte) 0xFE };

		assertThat(this.assembler.accept(Frame.binary(notUtf8))).get().extracting(Message::payload).isEqualTo(notUtf8);
	}

	@Test
	void acceptsAMessageOfExactlyTheLimitAcrossFragments() {
		byte[] half = new byte[512];
		this.assembler.accept(new Frame(false, 0, Opcode.BINARY, half));

		Optional<Message> message = this.assembler.accept(new Frame(true, 0, Opcode.CONTINUATION, half));

		assertThat(message).as("1.7: a message of exactly maxMessageBytes (1024) is within the limit")
			.get()
			.extracting((m) -> m.payload().length)
			.isEqualTo(1024);
	}

	@Test
	void refusesATextMessageThatEndsInsideACharacterWith1007() {
		byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
		this.assembler.accept(new Frame(false, 0, Opcode.TEXT, Arrays.copyOfRange(euro, 0, 1)));

		assertThatThrownBy(
				() -> this.assembler.accept(new Frame(true, 0, Opcode.CONTINUATION, Arrays.copyOfRange(euro, 1, 2))))
			.as("1.7: the last fragment ends after 2 of the 3 bytes of €")
			.isInstanceOf(ProtocolException.class)
			.extracting("closeCode")
			.isEqualTo(1007);
	}

	private static Frame fragment(Opcode opcode, boolean fin, String text) {
		return new Frame(fin, 0, opcode, text.getBytes(StandardCharsets.UTF_8));
	}

}
