package dev.wslab.spring.chat.direct;

/**
 * What a client sends to {@code /app/chat.private}.
 *
 * @param to the recipient's username
 * @param text the message text
 */
public record PrivatePost(String to, String text) {
}
