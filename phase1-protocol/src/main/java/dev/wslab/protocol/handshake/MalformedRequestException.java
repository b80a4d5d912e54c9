package dev.wslab.protocol.handshake;

/**
 * A request that is not even well-formed HTTP; the server answers with
 * {@link #response()}.
 */
public final class MalformedRequestException extends RuntimeException {

	private final transient HandshakeResponse response;

	/**
	 * Creates the exception.
	 * @param status the status to answer with
	 * @param reason the reason phrase
	 * @param why what was wrong
	 */
	public MalformedRequestException(int status, String reason, String why) {
		super(why);
		this.response = HandshakeResponse.refuse(status, reason, why);
	}

	/**
	 * Returns the response to send before closing.
	 * @return the refusal
	 */
	public HandshakeResponse response() {
		return this.response;
	}

}
