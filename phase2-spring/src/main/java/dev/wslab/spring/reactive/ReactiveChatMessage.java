package dev.wslab.spring.reactive;

import java.time.Instant;

/**
 * A message of the reactive chat, sent to every client as JSON.
 *
 * @param from the sender's name
 * @param text the text
 * @param timestamp when the server received it
 */
public record ReactiveChatMessage(String from, String text, Instant timestamp) {
}
