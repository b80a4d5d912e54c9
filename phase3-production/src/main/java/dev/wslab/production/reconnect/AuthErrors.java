package dev.wslab.production.reconnect;

/**
 * Which ERROR frames mean "sign in again", and whether to: the chat's
 * {@code token-expired} (exercise 3.8) and Phase 2's refusals of a CONNECT
 * ({@code Unauthorized: ...}). A token is refreshed once per failure; a fresh token that
 * is refused too ends the attempts, so a dead token is never retried in a loop.
 */
final class AuthErrors {

	private AuthErrors() {
	}

	/**
	 * Says whether an ERROR frame's message is about authentication.
	 * @param message the ERROR's {@code message} header, or null
	 * @return true for {@code token-expired} and {@code Unauthorized: ...}
	 */
	static boolean isAuthError(String message) {
		return message != null && (message.equals("token-expired") || message.startsWith("Unauthorized"));
	}

	/**
	 * Decides, after an authentication ERROR, whether to sign in again.
	 * @param message the ERROR's message
	 * @param tokenUntried true when the refused token came fresh from the supplier and
	 * never reached CONNECTED
	 * @return true to take a fresh token and reconnect; false to give up
	 */
	static boolean refresh(String message, boolean tokenUntried) {
		return isAuthError(message) && !tokenUntried;
	}

}
