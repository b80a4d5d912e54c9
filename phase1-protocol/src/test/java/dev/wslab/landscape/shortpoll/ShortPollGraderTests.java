package dev.wslab.landscape.shortpoll;

import dev.wslab.kit.grading.Grades;
import dev.wslab.landscape.feed.FeedEvent;
import dev.wslab.landscape.feed.Replay;
import dev.wslab.landscape.sse.ReplayBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades exercise 1.17: the short-poll cursor. */
@Grades("1.17")
class ShortPollGraderTests {

	private final ReplayBuffer buffer = new ReplayBuffer(5);

	@Test
	void aFirstPollWithoutSinceStartsFromNow() {
		fill(3);

		Replay replay = ShortPoll.answer(this.buffer, null);

		assertThat(replay.events()).isEmpty();
		assertThat(replay.latestId()).isEqualTo(3);
	}

	@Test
	void returnsWhatIsNewerThanSince() {
		fill(4);

		assertThat(ShortPoll.answer(this.buffer, "2").events()).extracting(FeedEvent::id).containsExactly(3L, 4L);
		assertThat(ShortPoll.answer(this.buffer, "4").events()).isEmpty();
	}

	@Test
	void flagsAGapWhenSinceIsOlderThanTheBuffer() {
		fill(10);

		assertThat(ShortPoll.answer(this.buffer, "1").gap()).isTrue();
	}

	@Test
	void refusesASinceThatIsNotAWholeNumberOfZeroOrMore() {
		fill(3);

		assertThatThrownBy(() -> ShortPoll.answer(this.buffer, "abc")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ShortPoll.answer(this.buffer, "-1")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void answersACursorFromTheFutureWithAGapSoTheClientResyncs() {
		fill(3);

		Replay replay = ShortPoll.answer(this.buffer, "99");

		assertThat(replay.gap()).as("the server restarted; the client must start over").isTrue();
		assertThat(replay.events()).isEmpty();
		assertThat(replay.latestId()).isEqualTo(3);
	}

	@Test
	void treatsABlankSinceLikeAFirstPoll() {
		fill(2);

		assertThat(ShortPoll.answer(this.buffer, " ").events()).isEmpty();
	}

	@Test
	void acceptsZeroAsACursorBeforeTheFirstEvent() {
		fill(3);

		Replay replay = ShortPoll.answer(this.buffer, "0");

		assertThat(replay.events()).as("1.17: since=0 asks for everything from event 1")
			.extracting(FeedEvent::id)
			.containsExactly(1L, 2L, 3L);
		assertThat(replay.gap()).isFalse();
	}

	@Test
	void answersAnUpToDateCursorWithNothingAndNoGap() {
		fill(3);

		Replay replay = ShortPoll.answer(this.buffer, "3");

		assertThat(replay.events()).isEmpty();
		assertThat(replay.gap()).as("1.17: since equal to the latest id is up to date, not from the future").isFalse();
	}

	private void fill(int events) {
		for (int i = 0; i < events; i++) {
			this.buffer.append("tick", "t" + i);
		}
	}

}
