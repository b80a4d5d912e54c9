package dev.wslab.production.log;

import java.util.List;

/**
 * What a log answers to {@code since}: the messages to replay, and whether some were
 * missed on the way.
 *
 * @param gap true when the requested id could not be resumed from: it was malformed,
 * newer than anything kept, or older than the oldest kept message with some trimmed in
 * between. The client then starts again from what is kept, as after Phase 1's
 * {@code event: reset}.
 * @param messages what to send, oldest first
 */
public record Replay(boolean gap, List<LoggedMessage> messages) {
}
