package dev.wslab.production.dashboard;

import java.io.IOException;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Exercise 3.15: the dashboard's SSE feed. Each period the scaffolding
 * ({@link DashboardTicker}) hands it the whole cluster's figures, a
 * {@link ClusterSnapshot}; the feed keeps the last {@code history} of them and pushes each
 * to every open stream as an event {@code snapshot} whose {@code id} is the snapshot's, the
 * moment it was taken in epoch milliseconds (HTML Standard, 9.2.6 "Interpreting an event
 * stream": the {@code id} field sets the last event ID, which the browser sends back as
 * {@code Last-Event-ID} when it reconnects, 9.2.4).
 *
 * <p>
 * A client that reconnects, to whichever instance Nginx picks, sends the last id it saw.
 * Ids are times, comparable on every instance, so the feed replays the kept snapshots
 * after that id, announced by a {@code resume} event. When the id is older than what it
 * keeps, or not an id at all, a {@code gap} event comes first and then everything kept,
 * as 3.3's log does over STOMP. A client without the header gets everything kept, so its
 * charts start full. No snapshot comes twice on one stream, and none is missed between
 * the replay and the live ones.
 */
final class DashboardFeed {

	// TODO(3.15): the fields you need: the properties, the kept snapshots, and each open
	// stream with the last id it has been sent.

	/**
	 * Creates the feed.
	 * @param properties how many snapshots to keep ({@code history}), how often they come
	 * ({@code period}), and how many streams to serve at once ({@code maxViewers})
	 */
	DashboardFeed(DashboardProperties properties) {
		// TODO(3.15): keep the properties.
	}

	/**
	 * Opens a stream for one viewer and writes its replay.
	 * @param lastEventId the {@code Last-Event-ID} the client sent, or null
	 * @return the stream, or null when this instance already serves its most viewers
	 * @throws IOException if the first events cannot be written
	 */
	SseEmitter open(String lastEventId) throws IOException {
		throw new UnsupportedOperationException(
				"TODO(3.15): DashboardFeed.open: a new SseEmitter(0L) (null past maxViewers); without Last-Event-ID send every kept snapshot, with one send an event resume {after, replayed} and the kept snapshots after it, or gap {requested, oldest} and all of them when it is older than the oldest kept minus one period (or not a number); then remember the stream with the last id it was sent");
	}

	/**
	 * Keeps a snapshot and sends it to every open stream that has not seen its id.
	 * @param snapshot the cluster's figures, with an id above the previous one's
	 */
	void push(ClusterSnapshot snapshot) {
		throw new UnsupportedOperationException(
				"TODO(3.15): DashboardFeed.push: keep the snapshot (at most history of them), and send it to each open stream as an event with id snapshot.id(), name snapshot, and the snapshot as JSON data; drop a stream whose send fails");
	}

	/** Ends every open stream: the app is stopping. */
	void closeAll() {
		throw new UnsupportedOperationException(
				"TODO(3.15): DashboardFeed.closeAll: complete() every open stream and forget them");
	}

}
