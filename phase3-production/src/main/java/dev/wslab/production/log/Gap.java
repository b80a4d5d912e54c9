package dev.wslab.production.log;

/**
 * The body of a {@code gap:true} frame: the client's {@code since} could not be resumed
 * from, and what follows is what the log still keeps.
 *
 * @param gap always true
 * @param requested the {@code since} the client sent
 * @param oldest the id of the first message that follows, or null if none does
 */
public record Gap(boolean gap, String requested, String oldest) {
}
