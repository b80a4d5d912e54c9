package dev.wslab.production.dashboard;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.client.sse.SseEvent;
import dev.wslab.kit.client.sse.SseTestClient;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static dev.wslab.production.cluster.ClusterClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Grades the bounds of exercise 3.15's feed, which the live cluster's graders
 * ({@link DashboardFeedGraderTests}) cannot pin down, since its ticker pushes a snapshot
 * whenever it likes: how many snapshots it keeps, exactly where resuming becomes a
 * {@code gap}, a stream that has seen an id not being sent it again, how many viewers one
 * instance serves, and streams ended when the instance stops.
 *
 * <p>
 * The feed under test here belongs to an instance of its own whose period is an hour: its
 * ticker pushes once, at start, and the tests push every other snapshot themselves
 * ({@code DashboardFeed.push}), an hour apart as that ticker would, and read what a
 * browser would over HTTP.
 */
@Grades("3.15")
class DashboardFeedBoundsGraderTests {

	private static final Duration PERIOD = Duration.ofHours(1);

	private static final int HISTORY = 3;

	static ChatCluster cluster;

	static ConfigurableApplicationContext instance;

	static DashboardFeed feed;

	/** The id of the last snapshot pushed: each test's come after it. */
	static long lastId;

	@BeforeAll
	static void startInstance() {
		cluster = ChatCluster.shared();
		instance = cluster.startApart("dashboard-bounds", Map.of("wslab.dashboard.period", PERIOD.toString(),
				"wslab.dashboard.history", HISTORY, "wslab.dashboard.max-viewers", 50, "wslab.drain.enabled", false));
		feed = instance.getBean(DashboardFeed.class);
	}

	/**
	 * Waits once for the ticker's one push, at start (kept, or live if it has not come
	 * yet), so that every snapshot a test pushes comes after it. In a test rather than
	 * the class's set-up, so that a starter fails each test on its own TODO.
	 */
	private static void afterTheTickersPush() throws IOException {
		if (lastId != 0) {
			return;
		}
		try (SseTestClient stream = SseTestClient.connect(streamOf(instance), null)) {
			assertThat(stream.status()).as("3.15: the status of GET /api/dashboard/stream").isEqualTo(200);
			lastId = Math.max(Long.parseLong(nextSnapshot(stream).id()), System.currentTimeMillis());
		}
	}

	@AfterAll
	static void stopInstance() {
		if (instance != null) {
			instance.close();
		}
	}

	@Test
	void keepsTheLastHistorySnapshotsForAStreamOpenedWithoutLastEventId() throws IOException {
		afterTheTickersPush();
		List<Long> pushed = push(HISTORY + 2);

		try (SseTestClient stream = SseTestClient.connect(streamOf(instance), null)) {
			assertThat(snapshotIds(stream, HISTORY))
				.as("""
						3.15: the snapshots a stream opened without Last-Event-ID starts with, after %s were pushed \
						to a feed whose history is %d (hint: keep at most history of them, dropping the oldest)""",
						pushed, HISTORY)
				.containsExactlyElementsOf(pushed.subList(pushed.size() - HISTORY, pushed.size()));
			long next = push(1).get(0);
			assertThat(snapshotIds(stream, 1)).as("3.15: the event after those, once snapshot %d was pushed", next)
				.containsExactly(next);
		}
	}

	@Test
	void resumesFromOnePeriodBeforeTheOldestKeptAndSaysGapForAnyEarlierId() throws IOException {
		afterTheTickersPush();
		List<Long> kept = push(HISTORY);
		long oldest = kept.get(0);
		long previous = oldest - PERIOD.toMillis();

		try (SseTestClient stream = SseTestClient.connect(streamOf(instance), String.valueOf(previous))) {
			SseEvent first = stream.nextEvent(WAIT);
			assertThat(first.event()).as("""
					3.15: the first event for Last-Event-ID %d, one period (%d ms) before the oldest kept snapshot \
					%d: the client saw the snapshot before it, so nothing is missing (hint: gap only when the id is \
					older than the oldest kept minus one period)""", previous, PERIOD.toMillis(), oldest)
				.isEqualTo("resume");
			assertThat(json(first.data()).path("replayed").asInt()).as("3.15: resume's 'replayed'").isEqualTo(HISTORY);
			assertThat(snapshotIds(stream, HISTORY)).as("3.15: the snapshots replayed after %d", previous)
				.containsExactlyElementsOf(kept);
		}
		for (String tooOld : List.of(String.valueOf(previous - 1), "not-an-id")) {
			try (SseTestClient stream = SseTestClient.connect(streamOf(instance), tooOld)) {
				SseEvent first = stream.nextEvent(WAIT);
				assertThat(first.event()).as("""
						3.15: the first event for Last-Event-ID '%s', when the oldest kept snapshot is %d and the \
						period %d ms: snapshots may be missing""", tooOld, oldest, PERIOD.toMillis()).isEqualTo("gap");
				assertThat(json(first.data()).path("requested").asString()).isEqualTo(tooOld);
				assertThat(json(first.data()).path("oldest").asLong()).as("3.15: gap's 'oldest'").isEqualTo(oldest);
				assertThat(snapshotIds(stream, HISTORY)).as("3.15: the snapshots after the gap for '%s'", tooOld)
					.containsExactlyElementsOf(kept);
			}
		}
	}

	@Test
	void neverSendsAStreamASnapshotWhoseIdItHasAlreadySeen() throws IOException {
		afterTheTickersPush();
		// A viewer that saw the other instance's snapshot with id 'seen' resumes here,
		// before this instance has taken one as late.
		long seen = lastId + PERIOD.toMillis();

		try (SseTestClient stream = SseTestClient.connect(streamOf(instance), String.valueOf(seen))) {
			SseEvent resume = stream.nextEvent(WAIT);
			assertThat(resume.event()).isEqualTo("resume");
			assertThat(json(resume.data()).path("replayed").asInt()).as("3.15: kept snapshots after %d", seen).isZero();

			List<Long> pushed = push(2);
			assertThat(pushed.get(0)).isEqualTo(seen);
			assertThat(snapshotIds(stream, 1)).as("""
					3.15: the first snapshot sent to a stream resumed from %d, after snapshots %s were pushed \
					(hint: skip a stream whose last id is at or above the snapshot's)""", seen, pushed)
				.containsExactly(pushed.get(1));
		}
	}

	@Test
	void servesAtMostMaxViewersStreamsAtOnceAndTheNextOneAgainOnceAViewerLeaves() throws IOException {
		ConfigurableApplicationContext small = cluster.startApart("dashboard-viewers", Map
			.of("wslab.dashboard.max-viewers", 2, "wslab.dashboard.period", "200ms", "wslab.drain.enabled", false));
		try (small;
				SseTestClient first = SseTestClient.connect(streamOf(small), null);
				SseTestClient second = SseTestClient.connect(streamOf(small), null)) {
			assertThat(List.of(first.status(), second.status())).as("3.15: two streams of an instance serving two")
				.containsExactly(200, 200);
			try (SseTestClient third = SseTestClient.connect(streamOf(small), null)) {
				assertThat(third.status()).as("""
						3.15: the status for a third stream on an instance whose max-viewers is 2 (hint: open() \
						returns null when maxViewers streams are open, and the controller answers 503)""")
					.isEqualTo(503);
				assertThat(third.header("Retry-After")).isNotNull();
			}

			first.close();
			// The instance learns that a viewer left when a write to it fails: a slot
			// frees within a few of its pushes, one every 200 ms.
			await("3.15: a new stream accepted once one of the two viewers left (hint: forget a stream whose "
					+ "send fails, and on completion or error)")
				.atMost(WAIT)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> {
					try (SseTestClient again = SseTestClient.connect(streamOf(small), null)) {
						return again.status() == 200;
					}
				});
		}
	}

	@Test
	void endsEveryOpenStreamWhenTheInstanceStops() throws Exception {
		ConfigurableApplicationContext stopping = cluster.startApart("dashboard-stop",
				Map.of("wslab.drain.enabled", false));
		CompletableFuture<Void> stopped = null;
		try (SseTestClient stream = SseTestClient.connect(streamOf(stopping), null)) {
			assertThat(stream.status()).as("3.15: the status of GET /api/dashboard/stream").isEqualTo(200);
			nextSnapshot(stream);
			stopped = CompletableFuture.runAsync(stopping::close);

			// Without it, the graceful shutdown waits up to 30 s for the open request.
			assertThatCode(() -> stream.awaitEnd(Duration.ofSeconds(10))).as("""
					3.15: the stream of a viewer whose instance is stopping (hint: closeAll() completes every \
					emitter)""").doesNotThrowAnyException();
		}
		finally {
			if (stopped != null) {
				stopped.get(60, TimeUnit.SECONDS);
			}
			else {
				stopping.close();
			}
		}
	}

	/** Pushes snapshots a period apart after the last one, as the ticker would. */
	private static List<Long> push(int count) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lastId += PERIOD.toMillis();
			feed.push(ClusterSnapshot.of(lastId, List.of()));
			ids.add(lastId);
		}
		return ids;
	}

	private static List<Long> snapshotIds(SseTestClient stream, int count) {
		List<Long> ids = new ArrayList<>();
		while (ids.size() < count) {
			ids.add(Long.parseLong(nextSnapshot(stream).id()));
		}
		return ids;
	}

	private static SseEvent nextSnapshot(SseTestClient stream) {
		while (true) {
			SseEvent event = stream.nextEvent(WAIT);
			if ("snapshot".equals(event.event())) {
				return event;
			}
		}
	}

	private static URI streamOf(ConfigurableApplicationContext instance) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + "/api/dashboard/stream");
	}

}
