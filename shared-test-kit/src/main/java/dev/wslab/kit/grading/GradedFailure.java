package dev.wslab.kit.grading;

import java.util.List;

/**
 * A grader's failure, told so that it teaches: which exercise, what was expected, what
 * the server threw, what crossed the wire, and the next hint. {@link Grades} throws it in
 * place of a test's own failure, which stays its cause.
 */
public final class GradedFailure extends AssertionError {

	/** Lines of each client's transcript kept in the message; the rest are counted. */
	static final int MESSAGE_TRANSCRIPT_LINES = 25;

	private final String exercise;

	private final String expected;

	private final String server;

	private final List<ClientLog> clients;

	private final String hint;

	GradedFailure(String exercise, String expected, String server, List<ClientLog> clients, String hint,
			Throwable original) {
		super(message(exercise, expected, server, clients, hint), original);
		this.exercise = exercise;
		this.expected = expected;
		this.server = server;
		this.clients = List.copyOf(clients);
		this.hint = hint;
	}

	/**
	 * Returns the exercise, as its id and title, such as {@code 2.9 Errors reach the
	 * sender}.
	 * @return the exercise
	 */
	public String exercise() {
		return this.exercise;
	}

	/**
	 * Returns what the grader expected: the assertion's message, without any transcript
	 * it carried.
	 * @return the expectation
	 */
	public String expected() {
		return this.expected;
	}

	/**
	 * Returns the first exception the server logged during the test, or null.
	 * @return the server's exception as text
	 */
	public String server() {
		return this.server;
	}

	/**
	 * Returns the transcripts of the kit clients the test opened, in the order they were
	 * opened.
	 * @return the clients
	 */
	public List<ClientLog> clients() {
		return this.clients;
	}

	/**
	 * Returns the learner's next unread hint, with its number, or null.
	 * @return the hint
	 */
	public String hint() {
		return this.hint;
	}

	private static String message(String exercise, String expected, String server, List<ClientLog> clients,
			String hint) {
		StringBuilder text = new StringBuilder(expected);
		text.append("\n── Exercise ").append(exercise);
		if (server != null) {
			text.append("\nInside the server: ").append(server);
		}
		for (ClientLog client : clients) {
			text.append("\nTranscript of ").append(client.name()).append(':');
			List<String> lines = client.lines();
			int from = Math.max(0, lines.size() - MESSAGE_TRANSCRIPT_LINES);
			if (from > 0) {
				text.append("\n  … ").append(from).append(" earlier lines");
			}
			lines.subList(from, lines.size()).forEach((line) -> text.append("\n  ").append(line));
			if (lines.isEmpty()) {
				text.append("\n  (nothing crossed the wire)");
			}
		}
		if (hint != null) {
			text.append("\nNext hint: ").append(hint);
		}
		return text.toString();
	}

	/**
	 * What one kit client saw.
	 *
	 * @param name what the client is, such as {@code STOMP over ws://localhost:8080/ws}
	 * @param lines its transcript lines, with time stamps and arrows
	 */
	public record ClientLog(String name, List<String> lines) {
	}

}
