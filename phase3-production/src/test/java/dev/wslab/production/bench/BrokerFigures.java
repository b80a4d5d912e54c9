package dev.wslab.production.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.wslab.kit.rabbitmq.RabbitMqBroker;

/**
 * What RabbitMQ says it spends, read from {@code rabbitmqctl status --formatter json}
 * (RabbitMQ 3.10): its resident set, the memory of its connection processes (readers,
 * writers, channels and the rest) and of its queue processes, and its sockets against the
 * limit it derives from the open-file limit.
 *
 * @param socketsUsed sockets open
 * @param socketsLimit the most sockets it accepts
 * @param rss the node's resident set, in bytes
 * @param connectionMemory memory of its connection processes, in bytes
 * @param queueMemory memory of its queue processes, in bytes
 * @param pid the node's operating-system process
 */
record BrokerFigures(long socketsUsed, long socketsLimit, long rss, long connectionMemory, long queueMemory, long pid) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static BrokerFigures of(RabbitMqBroker broker) {
		String output = broker.rabbitmqctl("status", "--formatter", "json");
		// The CLI may print a warning ahead of the document.
		JsonNode status = JSON.readTree(output.substring(output.indexOf('{')));
		JsonNode memory = status.path("memory");
		long connections = memory.path("connection_readers").asLong() + memory.path("connection_writers").asLong()
				+ memory.path("connection_channels").asLong() + memory.path("connection_other").asLong();
		return new BrokerFigures(status.path("file_descriptors").path("sockets_used").asLong(),
				status.path("file_descriptors").path("sockets_limit").asLong(),
				memory.path("total").path("rss").asLong(), connections, memory.path("queue_procs").asLong(),
				status.path("pid").asLong());
	}

}
