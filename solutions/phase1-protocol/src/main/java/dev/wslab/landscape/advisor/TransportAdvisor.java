package dev.wslab.landscape.advisor;

/**
 * Exercise 1.18: the decision flowchart, as code. The order of the questions is the
 * lesson: the simplest transport that meets the need wins, and WebSocket is chosen only
 * when the client must talk back over the same channel.
 */
public final class TransportAdvisor {

	private TransportAdvisor() {
	}

	/**
	 * Recommends a transport.
	 * @param needs what the feature needs
	 * @return the advice
	 */
	public static Advice advise(Requirements needs) {
		if (!needs.persistentConnectionsAllowed()) {
			return needs.infrequentUpdates()
					? new Advice(Transport.SHORT_POLLING,
							"no long-lived connections, and rare updates can wait for the next poll")
					: new Advice(Transport.LONG_POLLING,
							"no long-lived connections, but updates should arrive within one round trip");
		}
		if (needs.infrequentUpdates()) {
			return new Advice(Transport.SHORT_POLLING, "rare updates with slack on freshness need nothing held open");
		}
		if (!needs.browserClient() && needs.typedContracts()) {
			return new Advice(Transport.GRPC_STREAMING, "backend to backend with a typed contract");
		}
		if (needs.multiplexingOrDatagrams() && !needs.safariRequired()) {
			return new Advice(Transport.WEBTRANSPORT,
					"multiplexed streams or unreliable datagrams, and Safari is not required");
		}
		if (needs.clientSendsToo()) {
			return new Advice(Transport.WEBSOCKET, "both sides send over one low-latency connection");
		}
		return new Advice(Transport.SSE,
				"the server pushes and the client only listens: plain HTTP with reconnection built in");
	}

}
