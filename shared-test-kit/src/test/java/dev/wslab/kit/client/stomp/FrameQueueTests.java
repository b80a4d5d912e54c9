package dev.wslab.kit.client.stomp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.wslab.kit.client.ws.Transcript;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscription's queue sees what was sent after it subscribed, unless it asks for
 * history.
 */
class FrameQueueTests {

	private static final ReceivedFrame REPLAYED = new ReceivedFrame("MESSAGE",
			Map.of("destination", List.of("/topic/room.a"), "history", List.of("true")), "{\"text\":\"old\"}");

	private static final ReceivedFrame LIVE = new ReceivedFrame("MESSAGE",
			Map.of("destination", List.of("/topic/room.a")), "{\"text\":\"new\"}");

	@Test
	void skipsReplayedHistoryByDefault() {
		FrameQueue queue = new FrameQueue("/topic/room.a", new Transcript());

		queue.add(REPLAYED);
		queue.add(LIVE);

		assertThat(queue.next(Duration.ofSeconds(1)).body()).isEqualTo("{\"text\":\"new\"}");
		assertThat(queue.size()).isZero();
	}

	@Test
	void keepsHistoryWhenTheTestAsksForIt() {
		FrameQueue queue = new FrameQueue("/topic/room.a", new Transcript(), true);

		queue.add(REPLAYED);
		queue.add(LIVE);

		assertThat(queue.next(Duration.ofSeconds(1)).body()).isEqualTo("{\"text\":\"old\"}");
		assertThat(queue.next(Duration.ofSeconds(1)).body()).isEqualTo("{\"text\":\"new\"}");
	}

}
