package dev.wslab.production.reconnect;

/**
 * A SEND refused because the client is disconnected and its offline queue is full: this
 * message will not go out, the ones already waiting still will.
 */
public class OfflineQueueFullException extends IllegalStateException {

	/**
	 * Creates the exception.
	 * @param capacity the queue's capacity
	 */
	public OfflineQueueFullException(int capacity) {
		super("Disconnected, and " + capacity + " SENDs already wait to go out: this one is refused");
	}

}
