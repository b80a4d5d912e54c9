package dev.wslab.production.reconnect;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Grades the offline queue of exercise 3.10: SENDs wait in order, and past the bound a
 * SEND is refused to its caller while the waiting ones keep their place.
 */
@Grades("3.10")
class OfflineQueueGraderTests {

	@Test
	void handsBackEverySendInTheOrderItCameAndEmpties() {
		OfflineQueue queue = new OfflineQueue(10);
		queue.add(new PendingSend("/app/room.a.send", "{\"text\":\"one\"}"));
		queue.add(new PendingSend("/app/chat.private", "{\"to\":\"bob\",\"text\":\"two\"}"));
		queue.add(new PendingSend("/app/room.a.send", "{\"text\":\"three\"}"));

		assertThat(queue.size()).isEqualTo(3);
		assertThat(queue.drain()).as("3.10: drain, after three SENDs")
			.extracting(PendingSend::json)
			.containsExactly("{\"text\":\"one\"}", "{\"to\":\"bob\",\"text\":\"two\"}", "{\"text\":\"three\"}");
		assertThat(queue.drain()).as("3.10: drain again (hint: drain leaves the queue empty)").isEmpty();
		assertThat(queue.size()).isZero();
	}

	@Test
	void refusesTheSendPastItsCapacityAndKeepsTheOnesWaiting() {
		OfflineQueue queue = new OfflineQueue(3);
		for (int n = 1; n <= 3; n++) {
			queue.add(new PendingSend("/app/room.a.send", "{\"text\":\"" + n + "\"}"));
		}

		assertThatThrownBy(() -> queue.add(new PendingSend("/app/room.a.send", "{\"text\":\"4\"}")))
			.as("3.10: the fourth SEND into a queue of 3 (hint: refuse it, do not drop the oldest)")
			.isInstanceOf(OfflineQueueFullException.class);
		assertThat(queue.drain()).extracting(PendingSend::json)
			.as("3.10: what waits after the refusal")
			.containsExactly("{\"text\":\"1\"}", "{\"text\":\"2\"}", "{\"text\":\"3\"}");
		queue.add(new PendingSend("/app/room.a.send", "{\"text\":\"5\"}"));
		assertThat(queue.size()).as("3.10: room again once drained").isEqualTo(1);
	}

}
