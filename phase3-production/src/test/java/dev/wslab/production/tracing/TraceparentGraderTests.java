package dev.wslab.production.tracing;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 3.14's check of a client's {@code traceparent}, rule by rule of W3C
 * Trace Context §3.2: what is kept, what is written again as version 00, and what is
 * ignored. The way through the cluster is {@code TraceAcrossInstancesGraderTests}.
 */
@Grades("3.14")
class TraceparentGraderTests {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT = "00f067aa0ba902b7";

	@Test
	void keepsAVersion00Value() {
		assertThat(Traceparent.valid("00-" + TRACE + "-" + PARENT + "-01")).as("3.14: a valid version 00 traceparent")
			.isEqualTo("00-" + TRACE + "-" + PARENT + "-01");
	}

	@Test
	void keepsAnUnsampledValueUnsampled() {
		// §3.2.2.5: sampled is a recommendation the caller made; it is passed on as it
		// was.
		assertThat(Traceparent.valid("00-" + TRACE + "-" + PARENT + "-00")).as("3.14: trace-flags 00")
			.isEqualTo("00-" + TRACE + "-" + PARENT + "-00");
	}

	@ParameterizedTest(name = "flags {0} -> {1}")
	@CsvSource({ "01, 01", "03, 01", "ff, 01", "02, 00", "fe, 00", "08, 00" })
	void keepsOnlyTheSampledFlag(String flags, String written) {
		// §3.2.2.5: only the sampled bit (0x01) is defined; the others are zero when
		// written again.
		assertThat(Traceparent.valid("00-" + TRACE + "-" + PARENT + "-" + flags))
			.as("3.14: trace-flags %s written again (hint: flags & 0x01)", flags)
			.isEqualTo("00-" + TRACE + "-" + PARENT + "-" + written);
	}

	@Test
	void readsAHigherVersionAsVersion00WithOnlyTheSampledFlag() {
		// §3.2.4: parse the known fields of a higher version, ignore what follows a dash.
		assertThat(Traceparent.valid("cc-" + TRACE + "-" + PARENT + "-09-what-comes-next"))
			.as("3.14: version cc with more fields")
			.isEqualTo("00-" + TRACE + "-" + PARENT + "-01");
	}

	@ParameterizedTest
	@ValueSource(strings = { "01", "fe", "a0" })
	void readsAHigherVersionOfExactly55Characters(String version) {
		assertThat(Traceparent.valid(version + "-" + TRACE + "-" + PARENT + "-00"))
			.as("3.14: version %s with only the four fields", version)
			.isEqualTo("00-" + TRACE + "-" + PARENT + "-00");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "00", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",
			// §3.2.2.3, §3.2.2.4: lower-case hex only
			"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",
			"0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01",
			// §3.2.2.3, §3.2.2.4: all-zero ids are invalid
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			// §3.2.2.1: version ff is invalid, whatever follows
			"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more",
			// §3.2.2.2: version 00 is exactly 55 characters
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-010",
			// §3.2.4: a higher version's flags are followed by a dash or nothing
			"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
			// §3.2.4: a version that is not two hex characters and a dash
			"0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"000-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			// the dashes are where the spec puts them
			"00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736000f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7001",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
			" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0" })
	void ignoresAValueThatBreaksARule(String value) {
		assertThat(Traceparent.valid(value)).as("3.14: traceparent '%s', which the spec says to ignore", value)
			.isNull();
	}

	@Test
	void ignoresNoValue() {
		assertThat(Traceparent.valid(null)).as("3.14: no traceparent header").isNull();
	}

}
