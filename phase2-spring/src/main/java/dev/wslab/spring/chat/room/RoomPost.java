package dev.wslab.spring.chat.room;

/**
 * What a client sends to {@code /app/room.{roomId}.send}.
 *
 * @param text the message text
 */
public record RoomPost(String text) {
}
