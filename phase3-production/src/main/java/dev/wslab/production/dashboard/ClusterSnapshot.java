package dev.wslab.production.dashboard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole cluster at one moment: the latest snapshot of every live instance, and their
 * sum. This is the payload of each {@code snapshot} event of the dashboard's stream.
 *
 * @param id the event's id: when it was taken, epoch milliseconds, so that any instance
 * can resume a stream another instance began
 * @param instances every live instance's latest snapshot, by name
 * @param cluster the sums over them
 */
record ClusterSnapshot(long id, List<InstanceSnapshot> instances, Totals cluster) {

	static ClusterSnapshot of(long id, List<InstanceSnapshot> instances) {
		Map<String, Double> in = new TreeMap<>();
		Map<String, Double> out = new TreeMap<>();
		int websocket = 0;
		int stomp = 0;
		int relays = 0;
		long messagesIn = 0;
		long messagesOut = 0;
		double p50 = 0;
		double p99 = 0;
		for (InstanceSnapshot instance : instances) {
			instance.inPerSecond().forEach((kind, rate) -> in.merge(kind, rate, Double::sum));
			instance.outPerSecond().forEach((kind, rate) -> out.merge(kind, rate, Double::sum));
			websocket += instance.websocketSessions();
			stomp += instance.stompSessions();
			relays += instance.relayAvailable() ? 1 : 0;
			messagesIn += instance.messagesIn();
			messagesOut += instance.messagesOut();
			// Percentiles do not add up. The cluster's p-th percentile is at most the
			// highest instance's (each instance has p of its deliveries at or under its
			// own), so the dashboard shows that bound, and each instance's own figure.
			p50 = Math.max(p50, instance.p50Millis());
			p99 = Math.max(p99, instance.p99Millis());
		}
		return new ClusterSnapshot(id, instances,
				new Totals(instances.size(), relays, websocket, stomp, in, out, messagesIn, messagesOut, p50, p99));
	}

	/**
	 * The cluster's sums.
	 *
	 * @param instances live instances
	 * @param relaysAvailable instances whose relay reaches the broker
	 * @param websocketSessions open WebSocket sessions
	 * @param stompSessions open STOMP sessions
	 * @param inPerSecond SEND frames a second, by kind
	 * @param outPerSecond MESSAGE frames a second, by kind
	 * @param messagesIn SEND frames since each live instance started
	 * @param messagesOut MESSAGE frames since each live instance started
	 * @param p50Millis the highest instance median: an upper bound of the cluster's
	 * @param p99Millis the highest instance 99th percentile: an upper bound likewise
	 */
	record Totals(int instances, int relaysAvailable, int websocketSessions, int stompSessions,
			Map<String, Double> inPerSecond, Map<String, Double> outPerSecond, long messagesIn, long messagesOut,
			double p50Millis, double p99Millis) {
	}

}
