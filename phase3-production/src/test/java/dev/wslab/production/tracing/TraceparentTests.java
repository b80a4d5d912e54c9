package dev.wslab.production.tracing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's {@code traceparent} as W3C Trace Context §3.2 reads it. */
class TraceparentTests {

	@Test
	void keepsAVersion00Value() {
		assertThat(Traceparent.valid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
			.isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

	@Test
	void readsAHigherVersionAsVersion00WithOnlyTheSampledFlag() {
		// §3.2.4: parse the known fields, ignore what follows; §3.2.2.5: other flags
		// zero.
		assertThat(Traceparent.valid("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-comes-next"))
			.isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "00", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
			"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
			"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
			"0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g" })
	void ignoresAValueThatBreaksARule(String value) {
		assertThat(Traceparent.valid(value)).as("traceparent %s", value).isNull();
	}

	@Test
	void ignoresNoValue() {
		assertThat(Traceparent.valid(null)).isNull();
	}

}
