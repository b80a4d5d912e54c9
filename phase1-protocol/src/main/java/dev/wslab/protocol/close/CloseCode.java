package dev.wslab.protocol.close;

/** The status codes of RFC 6455 §7.4.1 that this server sends or names. */
public final class CloseCode {

	/** 1000: the purpose of the connection is fulfilled. */
	public static final int NORMAL = 1000;

	/**
	 * 1001: an endpoint is going away, such as a server shutting down or an idle timeout.
	 */
	public static final int GOING_AWAY = 1001;

	/** 1002: the peer broke the protocol. */
	public static final int PROTOCOL_ERROR = 1002;

	/** 1003: a kind of data the endpoint cannot accept. */
	public static final int UNSUPPORTED_DATA = 1003;

	/** 1005: no status code was present. Reported locally; never sent. */
	public static final int NO_STATUS = 1005;

	/**
	 * 1006: the connection closed without a close frame. Reported locally; never sent.
	 */
	public static final int ABNORMAL = 1006;

	/**
	 * 1007: message data did not match its type, such as invalid UTF-8 in a text message.
	 */
	public static final int INVALID_PAYLOAD = 1007;

	/** 1008: a message violates the endpoint's policy. */
	public static final int POLICY_VIOLATION = 1008;

	/** 1009: a message is too big to process. */
	public static final int MESSAGE_TOO_BIG = 1009;

	/** 1011: the server met an unexpected condition. */
	public static final int INTERNAL_ERROR = 1011;

	/** 1015: the TLS handshake failed. Reported locally; never sent. */
	public static final int TLS_HANDSHAKE = 1015;

	private CloseCode() {
	}

}
