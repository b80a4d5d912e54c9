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
		// TODO(1.18): ask in order: persistent connections not allowed (short polling if
		// updates are
		// rare, else long polling)? rare updates (short polling)? a backend with typed
		// contracts (gRPC)?
		// multiplexing or datagrams without Safari (WebTransport)? the client sends too
		// (WebSocket)?
		// otherwise SSE. Say why in one sentence.
		throw new UnsupportedOperationException("TODO(1.18): encode the decision flowchart in TransportAdvisor.advise");
	}

}
