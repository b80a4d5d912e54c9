package dev.wslab.production.log;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A room or private message as the cluster delivers it: Phase 2's message with an
 * {@code id} added.
 *
 * @param id the message's id in its log (a room, or a recipient's inbox); ids increase
 * within a log, and a client hands the last one it saw back as {@code since} to resume.
 * Null until the log assigns it.
 * @param from the sender's username, from the authenticated user
 * @param to the recipient of a private message; null, and left out of the JSON, for a
 * room message
 * @param text the text
 * @param timestamp when the server accepted it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedMessage(String id, String from, String to, String text, Instant timestamp) {

	/**
	 * Returns a copy with the id the log assigned.
	 * @param id the id
	 * @return the copy
	 */
	public LoggedMessage withId(String id) {
		return new LoggedMessage(id, this.from, this.to, this.text, this.timestamp);
	}

}
