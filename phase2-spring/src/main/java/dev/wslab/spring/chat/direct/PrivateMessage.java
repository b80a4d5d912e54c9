package dev.wslab.spring.chat.direct;

import java.time.Instant;

/**
 * A private message as delivered on the recipient's {@code /user/queue/messages}.
 *
 * @param from the sender
 * @param to the recipient
 * @param text the text
 * @param timestamp when the server accepted it
 */
public record PrivateMessage(String from, String to, String text, Instant timestamp) {
}
