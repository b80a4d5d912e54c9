package dev.wslab.landscape.sse;

import java.time.Duration;

import dev.wslab.kit.grading.Grades;
import dev.wslab.landscape.feed.FeedEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Grades exercise 1.14: the SSE wire format (HTML Living Standard, server-sent events).
 */
@Grades("1.14")
class SseEventWriterGraderTests {

	@Test
	void writesIdEventAndDataThenTheBlankLineThatDispatches() {
		String text = SseEventWriter.event(new FeedEvent(7, "tick", "tick 7", 0));

		assertThat(text).isEqualTo("""
				id: 7
				event: tick
				data: tick 7

				""");
	}

	@Test
	void writesEachLineOfMultiLineDataAsItsOwnDataField() {
		String text = SseEventWriter.event(new FeedEvent(8, "tick", "first\nsecond\r\nthird\rfourth", 0));

		assertThat(text).as("LF, CRLF and a lone CR all end a line").isEqualTo("""
				id: 8
				event: tick
				data: first
				data: second
				data: third
				data: fourth

				""");
	}

	@Test
	void keepsEmptyLinesOfDataAsEmptyDataFields() {
		assertThat(SseEventWriter.event(new FeedEvent(9, "note", "a\n\nb", 0))).isEqualTo("""
				id: 9
				event: note
				data: a
				data:\s
				data: b

				""");
	}

	@Test
	void refusesALineBreakInTheEventType() {
		assertThatThrownBy(() -> SseEventWriter.event(new FeedEvent(1, "two\nlines", "x", 0)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void writesHeartbeatCommentsAndTheRetryField() {
		assertThat(SseEventWriter.comment("heartbeat")).isEqualTo(": heartbeat\n\n");
		assertThat(SseEventWriter.retry(Duration.ofSeconds(2))).isEqualTo("retry: 2000\n\n");
	}

}
