package dev.wslab.landscape.longpoll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.wslab.kit.grading.Grades;
import dev.wslab.landscape.feed.FeedEvent;
import dev.wslab.landscape.feed.Replay;
import dev.wslab.landscape.sse.ReplayBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grades exercise 1.16: the long-poll mailbox, which loses nothing between polls. */
@Grades("1.16")
class LongPollMailboxGraderTests {

	private final LongPollMailbox mailbox = new LongPollMailbox(new ReplayBuffer(100_000));

	@Test
	void answersAtOnceWhenNewerEventsAlreadyExist() throws Exception {
		this.mailbox.publish("tick", "one");

		Replay replay = this.mailbox.poll(0, Duration.ofMinutes(1));

		assertThat(replay.events()).extracting(FeedEvent::data).containsExactly("one");
	}

	@Test
	void holdsThePollUntilSomethingIsPublished() throws Exception {
		CompletableFuture<Replay> held = CompletableFuture.supplyAsync(() -> poll(0, Duration.ofMinutes(1)),
				Executors.newVirtualThreadPerTaskExecutor());
		// Still waiting a moment later: a mailbox that answers empty at once is not
		// holding anything.
		assertThatThrownBy(() -> held.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

		this.mailbox.publish("tick", "wake up");

		assertThat(held.get(5, TimeUnit.SECONDS).events()).extracting(FeedEvent::data).containsExactly("wake up");
	}

	@Test
	void answersEmptyWhenTheTimeoutPasses() throws Exception {
		Replay replay = this.mailbox.poll(0, Duration.ofMillis(100));

		assertThat(replay.events()).isEmpty();
	}

	@Test
	void aClientThatPollsByCursorGetsEveryEventExactlyOnceWhileTheyArePublished() throws Exception {
		int total = 3000;
		CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
			for (int i = 1; i <= total; i++) {
				this.mailbox.publish("tick", "e" + i);
			}
		}, Executors.newVirtualThreadPerTaskExecutor());
		List<Long> received = new ArrayList<>();
		long cursor = 0;

		while (received.size() < total) {
			Replay replay = this.mailbox.poll(cursor, Duration.ofSeconds(5));
			assertThat(replay.events()).as("a poll with events still to come timed out empty").isNotEmpty();
			replay.events().forEach((event) -> received.add(event.id()));
			cursor = received.get(received.size() - 1);
		}
		producer.get(5, TimeUnit.SECONDS);

		assertThat(received).as("nothing lost, nothing twice").hasSize(total).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void returnsThePublishedEventWithItsIdAndKeepsItInTheBuffer() {
		FeedEvent event = this.mailbox.publish("tick", "one");

		assertThat(event).as("1.16: publish returns the event it appended").isNotNull();
		assertThat(event.id()).isEqualTo(1);
		assertThat(event.data()).isEqualTo("one");
		assertThat(this.mailbox.buffer().latestId()).isEqualTo(1);
	}

	@Test
	void letsAnotherThreadPublishAfterAPollEnded() throws Exception {
		this.mailbox.poll(0, Duration.ofMillis(10));

		CompletableFuture<FeedEvent> publish = CompletableFuture
			.supplyAsync(() -> this.mailbox.publish("tick", "later"), Executors.newVirtualThreadPerTaskExecutor());

		assertThat(publish.get(5, TimeUnit.SECONDS).data()).as("1.16: a poll must release the lock when it returns")
			.isEqualTo("later");
	}

	private Replay poll(long cursor, Duration timeout) {
		try {
			return this.mailbox.poll(cursor, timeout);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
