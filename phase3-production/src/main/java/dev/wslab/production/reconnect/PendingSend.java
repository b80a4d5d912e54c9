package dev.wslab.production.reconnect;

/**
 * A SEND waiting in the {@link OfflineQueue}.
 *
 * @param destination where it goes, such as {@code /app/room.lobby.send}
 * @param json its body, JSON
 */
record PendingSend(String destination, String json) {
}
