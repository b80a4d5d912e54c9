package dev.wslab.production.reconnect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;

/**
 * What one run of the node-lost drill counted ({@link NodeLostDrillTests}).
 *
 * @param sent alice's numbered messages
 * @param delivered the numbers bob was shown, live or replayed
 * @param lost the numbers kept in the room's log that bob was never shown
 * @param notKept the numbers that never reached the log: SENDs alice wrote into a
 * connection the server was closing (the limit stated by {@code ReconnectingChatClient})
 * @param duplicated shows beyond the first
 * @param kept the numbers in the room's log in Redis, replayed from its start after the
 * drill
 * @param keptTwice entries in the log beyond the first for a number
 * @param queues the cluster's queues before the stop: name, durable, exclusive, type
 * @param stopMillis how long the node's stop took
 * @param relaysBackMillis per instance, from the stop to its relay's next system session
 * @param bobBackMillis from the stop to bob's next CONNECTED
 * @param alicePending alice's SENDs still queued at the end
 * @param bobConnections where bob connected, in order
 * @param bobDisconnections why bob's connections ended
 * @param aliceDisconnections why alice's connections ended
 * @param missing the numbers bob was never shown, kept or not
 * @param runningNodes the cluster's running nodes after the stop
 * @param complete whether bob was shown all within the wait
 * @param clusterStartMillis how long the two-node cluster took to start and join
 * @param drillMillis from the first SEND to the end of the count
 */
record NodeLostFigures(int sent, int delivered, int lost, List<Integer> notKept, int duplicated, int kept,
		int keptTwice, List<String> queues, long stopMillis, List<Long> relaysBackMillis, long bobBackMillis,
		int alicePending, List<String> bobConnections, List<String> bobDisconnections, List<String> aliceDisconnections,
		List<Integer> missing, List<String> runningNodes, boolean complete, long clusterStartMillis, long drillMillis) {

	/** The queues the broker would keep across a restart of its node. */
	List<String> durableQueues() {
		return this.queues.stream().filter((queue) -> queue.split("\\s+")[1].equals("true")).toList();
	}

	String line() {
		return ("[3.12] drill node-lost (room): sent %d, delivered %d, lost %d, duplicated %d, kept in Redis %d, "
				+ "never read by the server %d, "
				+ "relays back in %s ms, bob back in %d ms, stop took %d ms, cluster start %d ms, drill %d ms")
			.formatted(this.sent, this.delivered, this.lost, this.duplicated, this.kept, this.notKept.size(),
					this.relaysBackMillis, this.bobBackMillis, this.stopMillis, this.clusterStartMillis,
					this.drillMillis);
	}

	String transcript() {
		return """
				3.12: %s
				bob's connections: %s
				why bob's ended: %s
				why alice's ended: %s
				alice's SENDs still queued: %d
				numbers never shown: %s
				numbers never in the log (alice's SENDs the server never read): %s
				running nodes after the stop: %s
				the cluster's queues before the stop (name, durable, exclusive, type): %s
				(hint: BrokerAddresses.get must give the next address at each call, round the list, so that the
				relay's next attempt after a lost node goes to another)""".formatted(line(), this.bobConnections,
				this.bobDisconnections, this.aliceDisconnections, this.alicePending, this.missing, this.notKept,
				this.runningNodes, this.queues);
	}

	void report() throws IOException {
		System.out.println(line());
		System.out.println("why bob's connections ended: " + this.bobDisconnections);
		System.out.println("why alice's connections ended: " + this.aliceDisconnections);
		System.out.println("the cluster's queues before the stop (name, durable, exclusive, type): " + this.queues);
		Path file = Path.of("target", "drills", "node-lost.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file,
				"| %s | room | %d | %d | %d | %d | %d | %d | %s ms | %d ms | %d ms |%n".formatted(LocalDate.now(),
						this.sent, this.delivered, this.kept, this.notKept.size(), this.lost, this.duplicated,
						this.relaysBackMillis, this.bobBackMillis, this.stopMillis),
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
