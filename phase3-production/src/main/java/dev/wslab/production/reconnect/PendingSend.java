package dev.wslab.production.reconnect;

import java.util.UUID;

/**
 * A SEND waiting in the {@link OfflineQueue}, or written and not yet confirmed.
 *
 * @param destination where it goes, such as {@code /app/room.lobby.send}
 * @param json its body, JSON
 * @param id the client's own id for it ({@code client-message-id}): a SEND written again
 * after a reconnection carries the same one, so the chat keeps it once
 */
record PendingSend(String destination, String json, String id) {

	/**
	 * A SEND with a fresh id.
	 * @param destination where it goes
	 * @param json its body
	 */
	PendingSend(String destination, String json) {
		this(destination, json, UUID.randomUUID().toString());
	}

}
