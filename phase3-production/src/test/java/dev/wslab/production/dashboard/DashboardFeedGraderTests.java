package dev.wslab.production.dashboard;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wslab.kit.client.sse.SseEvent;
import dev.wslab.kit.grading.Grades;
import dev.wslab.kit.client.sse.SseTestClient;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades the dashboard's SSE feed of exercise 3.15, read over HTTP as a browser's
 * {@code EventSource} would (HTML Standard, 9.2 "Server-sent events"): the whole cluster
 * once a second in {@code id}/{@code event}/{@code data} fields, ids that any instance
 * can resume from with {@code Last-Event-ID}, an exact replay without repeats, a
 * {@code gap} for an id too old, and instances that leave when they stop publishing.
 * {@code DashboardPageTests} opens the page in Chromium.
 */
@Grades("3.15")
class DashboardFeedGraderTests {

	static ChatCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
	}

	@Test
	void pushesTheWholeClusterOnceASecondWithTheMomentAsEventId() throws IOException {
		long opened = System.currentTimeMillis();
		try (SseTestClient stream = SseTestClient.connect(streamOf(0), null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.header("Content-Type")).startsWith("text/event-stream");

			// Without Last-Event-ID the stream starts with what the instance keeps, then
			// goes live.
			JsonNode live = nextSnapshotWhere(stream, (snapshot) -> snapshot.path("id").asLong() >= opened
					&& instances(snapshot).containsAll(List.of("chat-1", "chat-2")));
			SseEvent next = nextLive(stream, live.path("id").asLong());

			assertThat(Long.parseLong(next.id())).as("the id of the event after %s", live.path("id"))
				.isBetween(live.path("id").asLong() + 1, live.path("id").asLong() + 3_000);
			assertThat(json(next.data()).path("cluster").path("relaysAvailable").asInt()).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void countsARoomMessageSentOnEachInstanceInTheClustersTotals() throws IOException {
		String room = ClusterClients.room("dashboard");
		try (SseTestClient stream = SseTestClient.connect(streamOf(1), String.valueOf(now()));
				var alice = ClusterClients.connect(cluster.port(0), "alice");
				var bob = ClusterClients.connect(cluster.port(1), "bob")) {
			long outBefore = json(nextLive(stream, 0).data()).path("cluster").path("messagesOut").asLong();
			var alicesRoom = alice.subscribeWithReceipt("/topic/room." + room, WAIT);
			bob.subscribeWithReceipt("/topic/room." + room, WAIT);

			alice.sendJson("/app/room." + room + ".send", "{\"text\":\"from chat-1\"}");
			bob.sendJson("/app/room." + room + ".send", "{\"text\":\"from chat-2\"}");
			alicesRoom.next(WAIT);
			alicesRoom.next(WAIT);

			// Two messages, each delivered to two subscribers, one on each instance.
			nextSnapshotWhere(stream,
					(snapshot) -> snapshot.path("cluster").path("messagesOut").asLong() >= outBefore + 4);
		}
	}

	@Test
	void writesEachSnapshotAsIdEventAndOneLineOfJsonDataEndedByABlankLine() throws IOException {
		try (SseTestClient stream = SseTestClient.connect(streamOf(0), String.valueOf(now()))) {
			SseEvent parsed = nextLive(stream, 0);
			nextLive(stream, Long.parseLong(parsed.id()));

			// HTML Standard 9.2.5 and 9.2.6: lines "field:value"; "id" sets the last
			// event
			// ID, "event" the type, "data" the payload; a blank line dispatches the
			// event.
			List<String> wire = wireLines(stream);
			int id = wire.indexOf("id:" + parsed.id());
			assertThat(id).as("3.15: the line 'id:%s' on the wire of %s", parsed.id(), stream.transcript())
				.isGreaterThanOrEqualTo(0);
			List<String> block = wire.subList(id, id + wire.subList(id, wire.size()).indexOf("") + 1);
			assertThat(block).as("3.15: the lines of the event with id %s, up to its blank line", parsed.id())
				.hasSize(4)
				.contains("id:" + parsed.id(), "event:snapshot", "")
				.anySatisfy((line) -> assertThat(line).startsWith("data:{\"id\":" + parsed.id() + ","));
			assertThat(json(parsed.data()).path("instances").isArray()).as("3.15: the data is the ClusterSnapshot")
				.isTrue();
		}
	}

	@Test
	void startsWithoutLastEventIdWithTheKeptSnapshotsInOrder() throws IOException {
		long opened = now();
		try (SseTestClient stream = SseTestClient.connect(streamOf(0), null)) {
			SseEvent first = stream.nextEvent(WAIT);
			SseEvent second = stream.nextEvent(WAIT);

			assertThat(first.event()).as("3.15: the first event of a stream opened without Last-Event-ID")
				.isEqualTo("snapshot");
			assertThat(Long.parseLong(first.id())).as("3.15: the first snapshot is one kept before the stream opened")
				.isLessThan(opened);
			assertThat(Long.parseLong(second.id())).as("3.15: ids go up").isGreaterThan(Long.parseLong(first.id()));
		}
	}

	@Test
	void replaysExactlyTheKeptSnapshotsAfterTheLastEventIdThenGoesLiveWithoutRepeats() throws IOException {
		List<Long> seen = new ArrayList<>();
		try (SseTestClient first = SseTestClient.connect(streamOf(0), String.valueOf(now()))) {
			seen.add(Long.parseLong(nextLive(first, 0).id()));
			seen.add(Long.parseLong(nextLive(first, seen.get(0)).id()));
			seen.add(Long.parseLong(nextLive(first, seen.get(1)).id()));
		}

		// Back on the same instance, as if the connection had dropped after the first.
		try (SseTestClient resumed = SseTestClient.connect(streamOf(0), String.valueOf(seen.get(0)))) {
			SseEvent resume = resumed.nextEvent(WAIT);
			List<Long> ids = new ArrayList<>();
			while (ids.size() < seen.size() + 3) {
				SseEvent event = resumed.nextEvent(WAIT);
				assertThat(event.event()).as("3.15: the events after resume, so far %s", ids).isEqualTo("snapshot");
				ids.add(Long.parseLong(event.id()));
			}

			assertThat(resume.event()).as("3.15: the first event after Last-Event-ID: %s", seen.get(0))
				.isEqualTo("resume");
			assertThat(json(resume.data()).path("after").asLong()).isEqualTo(seen.get(0));
			assertThat(json(resume.data()).path("replayed").asInt())
				.as("3.15: 'replayed' counts the kept snapshots after %s", seen.get(0))
				.isGreaterThanOrEqualTo(2);
			assertThat(ids.subList(0, 2)).as("""
					3.15: the first snapshots after resuming from %s, the stream having seen %s (hint: replay \
					exactly the kept ones whose id is greater)""", seen.get(0), seen)
				.containsExactly(seen.get(1), seen.get(2));
			assertThat(ids).as("3.15: every snapshot id after resuming, each once, in order")
				.isSorted()
				.doesNotHaveDuplicates();
		}
	}

	@Test
	void resumesOnTheOtherInstanceAfterTheLastEventIdItSaw() throws IOException {
		String lastSeen;
		try (SseTestClient first = SseTestClient.connect(streamOf(0), String.valueOf(now()))) {
			lastSeen = nextLive(first, 0).id();
		}

		try (SseTestClient resumed = SseTestClient.connect(streamOf(1), lastSeen)) {
			SseEvent resume = resumed.nextEvent(WAIT);
			SseEvent next = resumed.nextEvent(WAIT);

			assertThat(resume.event()).isEqualTo("resume");
			assertThat(json(resume.data()).path("after").asLong()).isEqualTo(Long.parseLong(lastSeen));
			assertThat(next.event()).isEqualTo("snapshot");
			assertThat(Long.parseLong(next.id())).isGreaterThan(Long.parseLong(lastSeen));
		}
	}

	@Test
	void saysGapWhenTheLastEventIdIsOlderThanWhatItKeeps() throws IOException {
		try (SseTestClient stream = SseTestClient.connect(streamOf(0), "1")) {
			SseEvent gap = stream.nextEvent(WAIT);

			assertThat(gap.event()).isEqualTo("gap");
			assertThat(json(gap.data()).path("requested").asString()).isEqualTo("1");
			assertThat(stream.nextEvent(WAIT).event()).isEqualTo("snapshot");
		}
	}

	@Test
	void anInstanceThatStopsPublishingLeavesTheDashboardOnceItsSnapshotExpires() throws IOException {
		StringRedisTemplate redis = cluster.context(0).getBean(StringRedisTemplate.class);
		SnapshotStore ghostsStore = new SnapshotStore(redis, JsonMapper.builder().build(), Duration.ofSeconds(4));
		ghostsStore.publish(new InstanceSnapshot("chat-ghost", System.currentTimeMillis(), 7, 7, true,
				Map.of("room", 1.0), Map.of("room", 2.0), 10, 20, 3.0, 9.0));

		try (SseTestClient stream = SseTestClient.connect(streamOf(0), String.valueOf(now()))) {
			nextSnapshotWhere(stream, (snapshot) -> instances(snapshot).contains("chat-ghost"));
			JsonNode without = nextSnapshotWhere(stream, (snapshot) -> !instances(snapshot).contains("chat-ghost"));

			assertThat(instances(without)).contains("chat-1", "chat-2");
		}
		assertThat(redis.opsForSet().isMember(SnapshotStore.INSTANCES, "chat-ghost")).isFalse();
	}

	private static final Pattern RECEIVED = Pattern.compile("^\\s*\\d+ ms ← (.*)$");

	/** The lines as they came, from the client's transcript: a blank line as "". */
	private static List<String> wireLines(SseTestClient stream) {
		List<String> lines = new ArrayList<>();
		for (String line : stream.transcript().lines()) {
			Matcher received = RECEIVED.matcher(line);
			if (received.matches()) {
				lines.add(received.group(1).equals("(blank line)") ? "" : received.group(1));
			}
		}
		return lines;
	}

	private static URI streamOf(int instance) {
		return URI.create("http://127.0.0.1:" + cluster.port(instance) + "/api/dashboard/stream");
	}

	private static long now() {
		return System.currentTimeMillis();
	}

	/** The next snapshot event with an id after {@code after}, skipping any other. */
	private static SseEvent nextLive(SseTestClient stream, long after) {
		while (true) {
			SseEvent event = stream.nextEvent(WAIT);
			if ("snapshot".equals(event.event()) && Long.parseLong(event.id()) > after) {
				return event;
			}
		}
	}

	private static JsonNode nextSnapshotWhere(SseTestClient stream, java.util.function.Predicate<JsonNode> wanted) {
		List<JsonNode> seen = new ArrayList<>();
		await("a dashboard snapshot as wanted").atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).until(() -> {
			SseEvent event = stream.nextEvent(WAIT);
			if ("snapshot".equals(event.event())) {
				seen.add(json(event.data()));
			}
			return !seen.isEmpty() && wanted.test(seen.get(seen.size() - 1));
		});
		return seen.get(seen.size() - 1);
	}

	private static List<String> instances(JsonNode snapshot) {
		return snapshot.path("instances")
			.valueStream()
			.map((instance) -> instance.path("instance").asString())
			.toList();
	}

}
