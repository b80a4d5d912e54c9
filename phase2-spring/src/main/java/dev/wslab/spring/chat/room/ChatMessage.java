package dev.wslab.spring.chat.room;

import java.time.Instant;

/**
 * A room message as broadcast on {@code /topic/room.{roomId}}.
 *
 * @param from the sender's username, taken from the authenticated user, never from the
 * client's JSON
 * @param text the text
 * @param timestamp when the server accepted it
 */
public record ChatMessage(String from, String text, Instant timestamp) {
}
