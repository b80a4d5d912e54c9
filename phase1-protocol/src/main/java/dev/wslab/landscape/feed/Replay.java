package dev.wslab.landscape.feed;

import java.util.List;

/**
 * What a client gets when it asks for the events after an id.
 *
 * @param events the events after the id that the server still keeps, in order
 * @param gap true when some events after the id are no longer kept: the client missed
 * them and must start over from the current state
 * @param latestId the newest id the server has published, 0 when none
 */
public record Replay(List<FeedEvent> events, boolean gap, long latestId) {

}
