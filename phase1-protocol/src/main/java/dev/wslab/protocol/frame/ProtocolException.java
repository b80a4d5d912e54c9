package dev.wslab.protocol.frame;

/**
 * A peer broke the protocol. The connection must close with {@link #closeCode()}: the
 * server sends a close frame with that code and keeps serving every other connection.
 */
public final class ProtocolException extends RuntimeException {

	private final int closeCode;

	/**
	 * Creates the exception.
	 * @param closeCode the status code to close with, such as {@code 1002}
	 * @param message what was wrong, for logs and close reasons
	 */
	public ProtocolException(int closeCode, String message) {
		super(message);
		this.closeCode = closeCode;
	}

	/**
	 * Returns the status code the connection must close with.
	 * @return the close code
	 */
	public int closeCode() {
		return this.closeCode;
	}

}
