package dev.wslab.production.bench;

/**
 * What the hold benchmark puts in front of the clients. Each variant finds its own
 * ceiling: the first process to run out of descriptors, or of something else, stops the
 * ramp.
 */
enum HoldVariant {

	/** Spring's simple broker on Tomcat: one descriptor per client. */
	SIMPLE("Simple broker", 1, false, 0),

	/**
	 * The same server behind one Nginx worker: the worker holds two descriptors per
	 * client, its socket and the upstream's.
	 */
	NGINX("Simple broker behind Nginx (1 worker)", 1, false, 1),

	/**
	 * The same behind Nginx with a worker per core ({@code worker_processes auto} on this
	 * machine).
	 */
	NGINX_WORKERS("Simple broker behind Nginx (a worker per core)", 1, false,
			Runtime.getRuntime().availableProcessors()),

	/**
	 * Spring's STOMP broker relay to RabbitMQ: the instance holds the client's socket and
	 * one TCP connection to the broker per client session.
	 */
	RELAY("Relay to RabbitMQ, one instance", 1, true, 0),

	/**
	 * Two relay instances on one RabbitMQ: the broker holds every client's connection.
	 */
	RELAY_TWO("Relay to RabbitMQ, two instances", 2, true, 0);

	private final String label;

	private final int servers;

	private final boolean relay;

	private final int nginxWorkers;

	HoldVariant(String label, int servers, boolean relay, int nginxWorkers) {
		this.label = label;
		this.servers = servers;
		this.relay = relay;
		this.nginxWorkers = nginxWorkers;
	}

	String label() {
		return this.label;
	}

	int servers() {
		return this.servers;
	}

	boolean relay() {
		return this.relay;
	}

	int nginxWorkers() {
		return this.nginxWorkers;
	}

	String serverMode() {
		return this.relay ? "tomcat-relay" : "tomcat-stomp";
	}

}
