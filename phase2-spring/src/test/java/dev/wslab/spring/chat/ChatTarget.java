package dev.wslab.spring.chat;

/**
 * Where the chat graders send their traffic: the app this JVM started, unless a system
 * property names another chat that keeps the same contract. Phase 3 sets it to run these
 * graders, unchanged, against each instance of the cluster and through Nginx.
 */
final class ChatTarget {

	/** {@code host:port} of the chat to grade instead of the one started here. */
	static final String PROPERTY = "wslab.chat.target";

	private ChatTarget() {
	}

	/**
	 * Returns the host to grade.
	 * @return the target's host, {@code 127.0.0.1} by default
	 */
	static String host() {
		String target = System.getProperty(PROPERTY);
		return (target != null) ? target.substring(0, target.lastIndexOf(':')) : "127.0.0.1";
	}

	/**
	 * Returns the port to grade.
	 * @param started the port of the app this JVM started
	 * @return the target's port, or {@code started} when no other target is set
	 */
	static int port(int started) {
		String target = System.getProperty(PROPERTY);
		return (target != null) ? Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)) : started;
	}

	/**
	 * Returns the authority to grade.
	 * @param started the port of the app this JVM started
	 * @return {@code host:port}
	 */
	static String authority(int started) {
		return host() + ":" + port(started);
	}

}
