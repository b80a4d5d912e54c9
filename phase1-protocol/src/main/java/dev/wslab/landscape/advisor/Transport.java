package dev.wslab.landscape.advisor;

/**
 * The ways to get events from a server to a client that the trade-off matrix compares.
 */
public enum Transport {

	/**
	 * Server-sent events: one long HTTP response, server to client only, reconnection
	 * built in.
	 */
	SSE,

	/** WebSocket: one upgraded connection, both directions, any data. */
	WEBSOCKET,

	/**
	 * gRPC streaming over HTTP/2: typed contracts, for backends; browsers need a proxy.
	 */
	GRPC_STREAMING,

	/**
	 * WebTransport over HTTP/3: multiplexed streams and unreliable datagrams; no Safari.
	 */
	WEBTRANSPORT,

	/** Long polling: a held request answered when something happens, then asked again. */
	LONG_POLLING,

	/** Short polling: a request at a fixed interval. */
	SHORT_POLLING

}
