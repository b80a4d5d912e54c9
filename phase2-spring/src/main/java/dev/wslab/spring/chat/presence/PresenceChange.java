package dev.wslab.spring.chat.presence;

import java.time.Instant;

/**
 * Broadcast on {@code /topic/presence} when a user comes online (first session) or goes
 * offline (last session closed).
 *
 * @param user the username
 * @param online whether the user is now online
 * @param timestamp when the server noticed
 */
public record PresenceChange(String user, boolean online, Instant timestamp) {
}
