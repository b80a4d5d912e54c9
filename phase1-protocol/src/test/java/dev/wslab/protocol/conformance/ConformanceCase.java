package dev.wslab.protocol.conformance;

/**
 * One conformance case: an id in the style of the Autobahn|Testsuite, the group it
 * belongs to, the RFC rule it checks, and what it does.
 *
 * @param id such as {@code 5.3}
 * @param group such as {@code Ping and pong}
 * @param rfc such as {@code RFC 6455 §5.5.2}
 * @param title what the case checks, in a sentence
 * @param body the case itself
 */
record ConformanceCase(String id, String group, String rfc, String title, Body body) {

	/** What a case does against a live server. */
	@FunctionalInterface
	interface Body {

		void run(Probe probe) throws Exception;

	}

	@Override
	public String toString() {
		return this.id + " " + this.title + " (" + this.rfc + ")";
	}

}
