package dev.wslab.spring.chat.errors;

/**
 * A message the chat refuses, with a short machine-readable code. The sender receives it
 * on {@code /user/queue/errors} as a {@link ChatError}; nobody else sees it.
 */
public class ChatException extends RuntimeException {

	/** The longest message text accepted, in characters. */
	public static final int MAX_TEXT = 500;

	private final String code;

	/**
	 * Creates the exception.
	 * @param code the code, such as {@code blank-text}
	 * @param message what a person should read
	 */
	public ChatException(String code, String message) {
		super(message);
		this.code = code;
	}

	/**
	 * Returns the code.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Checks a message text: not blank, at most {@link #MAX_TEXT} characters.
	 * @param text the text, possibly null
	 * @return the text, stripped
	 * @throws ChatException with code {@code blank-text} or {@code text-too-long}
	 */
	public static String checkText(String text) {
		if (text == null || text.isBlank()) {
			throw new ChatException("blank-text", "A message needs some text.");
		}
		String stripped = text.strip();
		if (stripped.length() > MAX_TEXT) {
			throw new ChatException("text-too-long",
					"A message may have at most " + MAX_TEXT + " characters, not " + stripped.length() + ".");
		}
		return stripped;
	}

}
