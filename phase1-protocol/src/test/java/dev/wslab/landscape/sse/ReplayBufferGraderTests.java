package dev.wslab.landscape.sse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.wslab.kit.grading.Grades;
import dev.wslab.landscape.feed.FeedEvent;
import dev.wslab.landscape.feed.Replay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 1.15: the replay buffer behind {@code Last-Event-ID} and the poll
 * cursors.
 */
@Grades("1.15")
class ReplayBufferGraderTests {

	@Test
	void numbersEventsFromOneWithoutGaps() {
		ReplayBuffer buffer = new ReplayBuffer(10);

		List<Long> ids = List.of(buffer.append("t", "a").id(), buffer.append("t", "b").id(),
				buffer.append("t", "c").id());

		assertThat(ids).containsExactly(1L, 2L, 3L);
		assertThat(buffer.latestId()).isEqualTo(3);
	}

	@Test
	void replaysEverythingAfterTheGivenId() {
		ReplayBuffer buffer = filled(10, 5);

		Replay replay = buffer.after(2);

		assertThat(replay.events()).extracting(FeedEvent::id).containsExactly(3L, 4L, 5L);
		assertThat(replay.gap()).isFalse();
		assertThat(replay.latestId()).isEqualTo(5);
	}

	@Test
	void keepsOnlyTheNewestEventsAndReportsAGapForAnIdOlderThanThat() {
		ReplayBuffer buffer = filled(3, 10);

		Replay tooOld = buffer.after(2);
		Replay justInTime = buffer.after(7);

		assertThat(tooOld.events()).extracting(FeedEvent::id).containsExactly(8L, 9L, 10L);
		assertThat(tooOld.gap()).as("events 3 to 7 are gone; the client must be told").isTrue();
		assertThat(justInTime.gap()).isFalse();
	}

	@Test
	void answersAnUpToDateClientWithNothingAndNoGap() {
		ReplayBuffer buffer = filled(3, 10);

		Replay replay = buffer.after(10);

		assertThat(replay.events()).isEmpty();
		assertThat(replay.gap()).isFalse();
	}

	@Test
	void givesUniqueContiguousIdsUnderConcurrentAppends() throws Exception {
		ReplayBuffer buffer = new ReplayBuffer(100_000);
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			for (int t = 0; t < 8; t++) {
				threads.submit(() -> {
					for (int i = 0; i < 1000; i++) {
						buffer.append("t", "x");
					}
				});
			}
		}

		List<Long> ids = new ArrayList<>(buffer.after(0).events().stream().map(FeedEvent::id).toList());

		assertThat(ids).hasSize(8000).doesNotHaveDuplicates().isSorted();
		assertThat(ids.get(7999)).isEqualTo(8000);
	}

	@Test
	void reportsNoGapWhenTheNextIdNeededIsTheOldestKept() {
		ReplayBuffer buffer = filled(5, 10);

		Replay replay = buffer.after(5);

		assertThat(replay.events()).extracting(FeedEvent::id).containsExactly(6L, 7L, 8L, 9L, 10L);
		assertThat(replay.gap()).as("1.15: the client needs 6 next, and 6 is the oldest kept").isFalse();
	}

	@Test
	void stampsEachEventWithItsPublicationTimeInEpochMicroseconds() {
		ReplayBuffer buffer = new ReplayBuffer(3);
		long before = epochMicros();

		FeedEvent event = buffer.append("tick", "now");

		long after = epochMicros();
		assertThat(event.publishedMicros()).as("1.15: publishedMicros is microseconds since the epoch")
			.isBetween(before, after);
	}

	private static long epochMicros() {
		java.time.Instant now = java.time.Instant.now();
		return java.util.concurrent.TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1_000;
	}

	private static ReplayBuffer filled(int capacity, int events) {
		ReplayBuffer buffer = new ReplayBuffer(capacity);
		for (int i = 0; i < events; i++) {
			buffer.append("tick", "tick " + (i + 1));
		}
		return buffer;
	}

}
