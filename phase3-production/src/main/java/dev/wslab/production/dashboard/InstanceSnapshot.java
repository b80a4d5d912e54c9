package dev.wslab.production.dashboard;

import java.util.Map;

/**
 * One instance's figures at one moment, as it publishes them to Redis every period.
 *
 * @param instance the instance's name
 * @param at when it was taken, epoch milliseconds
 * @param websocketSessions open WebSocket sessions, all transports
 * @param stompSessions STOMP sessions between CONNECTED and their end
 * @param relayAvailable whether the relay's system session with the broker is up
 * @param inPerSecond SEND frames a second since the previous snapshot, by destination
 * kind
 * @param outPerSecond MESSAGE frames a second since the previous snapshot, by kind
 * @param messagesIn SEND frames since the instance started
 * @param messagesOut MESSAGE frames since the instance started
 * @param p50Millis this instance's median delivery latency over the last minute or two,
 * or 0 before the first delivery
 * @param p99Millis this instance's 99th percentile delivery latency, likewise
 */
record InstanceSnapshot(String instance, long at, int websocketSessions, int stompSessions, boolean relayAvailable,
		Map<String, Double> inPerSecond, Map<String, Double> outPerSecond, long messagesIn, long messagesOut,
		double p50Millis, double p99Millis) {
}
