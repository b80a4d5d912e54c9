package dev.wslab.workshop.board;

import java.util.Objects;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a message body into a progress event, or into the one-line reason it is dropped:
 * too large, not JSON, an unknown version or kind, names that are not routing-key words,
 * a routing key that does not match the event's own names, or too many exercises.
 */
final class EventReader {

	// The same words the kit's WorkshopSettings allows: no dots, no topic wildcards.
	private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private static final int MAX_EXERCISES = 100;

	private static final int MAX_TEXT = 400;

	private final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final int maxBytes;

	EventReader(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/** What became of one message. */
	sealed interface Read permits Accepted, Dropped {

	}

	/**
	 * A valid event.
	 *
	 * @param event the event
	 */
	record Accepted(ProgressEvent event) implements Read {

	}

	/**
	 * A dropped message.
	 *
	 * @param reason why, in one line
	 */
	record Dropped(String reason) implements Read {

	}

	Read read(byte[] body, String routingKey) {
		if (body.length > this.maxBytes) {
			return new Dropped("oversized: " + body.length + " bytes, the limit is " + this.maxBytes);
		}
		ProgressEvent event;
		try {
			event = this.json.readValue(body, ProgressEvent.class);
		}
		catch (JacksonException ex) {
			return new Dropped("malformed: " + ex.getOriginalMessage());
		}
		if (event == null) {
			return new Dropped("malformed: empty body");
		}
		String problem = problem(event, routingKey);
		return (problem == null) ? new Accepted(event) : new Dropped(problem);
	}

	private static String problem(ProgressEvent event, String routingKey) {
		if (event.v() != 1) {
			return "unknown version " + event.v();
		}
		if (!"joined".equals(event.kind()) && !"run".equals(event.kind())) {
			return "unknown kind " + event.kind();
		}
		if (!word(event.workshop()) || !word(event.participant()) || event.at() == null) {
			return "workshop, participant and at are required, as routing-key words";
		}
		// The routing key is what the broker's topic permissions check, so it is the
		// truth: an event may not speak for somebody else.
		if (!Objects.equals(routingKey, event.workshop() + "." + event.participant())) {
			return "routing key " + routingKey + " does not match " + event.workshop() + "." + event.participant();
		}
		if ("run".equals(event.kind())) {
			if (event.phase() == null || event.exercises() == null || event.exercises().size() > MAX_EXERCISES) {
				return "a run needs a phase and at most " + MAX_EXERCISES + " exercises";
			}
			for (ProgressEvent.ExerciseStatus status : event.exercises()) {
				if (status == null || status.id() == null || status.status() == null) {
					return "an exercise needs an id and a status";
				}
				ProgressEvent.FirstFailure failure = status.firstFailure();
				if (failure != null && (length(failure.grader()) > MAX_TEXT || length(failure.reason()) > MAX_TEXT)) {
					return "a first failure longer than " + MAX_TEXT + " characters";
				}
			}
		}
		return null;
	}

	private static boolean word(String value) {
		return value != null && WORD.matcher(value).matches();
	}

	private static int length(String value) {
		return (value == null) ? 0 : value.length();
	}

}
