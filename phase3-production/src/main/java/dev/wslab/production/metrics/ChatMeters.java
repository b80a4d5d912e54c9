package dev.wslab.production.metrics;

/**
 * The names of the chat's own meters, all under {@value #PREFIX}. Spring has no WebSocket
 * or STOMP metrics of its own, so each of these is written on purpose; the classes that
 * record them sit beside this one. Prometheus names them with dots as underscores, with
 * {@code _total} after a counter and {@code _seconds} after a timer (see the README's
 * Phase 3 "Metrics" table).
 *
 * <p>
 * Anything that reads this instance's figures (Prometheus through
 * {@code /actuator/prometheus}, or a page of the app) finds them by these names in the
 * {@link io.micrometer.core.instrument.MeterRegistry}.
 */
public final class ChatMeters {

	/** What every chat meter's name starts with. */
	public static final String PREFIX = "wslab.chat.";

	/** Gauge: open WebSocket sessions by {@code transport}, from Spring's own stats. */
	public static final String WEBSOCKET_SESSIONS = PREFIX + "websocket.sessions";

	/** Gauge: STOMP sessions that got their CONNECTED and have not ended. */
	public static final String STOMP_SESSIONS = PREFIX + "stomp.sessions";

	/** Gauge: the relay's STOMP sessions with the broker, its system session included. */
	public static final String RELAY_SESSIONS = PREFIX + "relay.sessions";

	/** Gauge: 1 while the relay's system session with the broker is up, else 0. */
	public static final String RELAY_AVAILABLE = PREFIX + "relay.available";

	/** Counter: SEND frames received from clients, by destination {@code kind}. */
	public static final String MESSAGES_IN = PREFIX + "messages.in";

	/**
	 * Counter: MESSAGE frames handed to clients' sessions, by destination {@code kind}.
	 */
	public static final String MESSAGES_OUT = PREFIX + "messages.out";

	/**
	 * Counter: errors told to a client on {@code /user/queue/errors}, by {@code code}.
	 */
	public static final String ERRORS = PREFIX + "errors";

	/** Counter: WebSocket handshakes answered with an HTTP error, by {@code reason}. */
	public static final String HANDSHAKES_REFUSED = PREFIX + "handshakes.refused";

	/** Timer: how long STOMP sessions lasted, from CONNECTED to their end. */
	public static final String CONNECTION_DURATION = PREFIX + "connection.duration";

	/** Timer: a room message's way from its SEND's arrival to a subscriber's session. */
	public static final String DELIVERY_LATENCY = PREFIX + "delivery.latency";

	/** Gauge: frames waiting for a thread of the client outbound channel. */
	public static final String OUTBOUND_BACKLOG = PREFIX + "outbound.backlog";

	private ChatMeters() {
	}

}
