package dev.wslab.production.tracing;

/**
 * Exercise 3.14: traceparent through STOMP headers. The W3C {@code traceparent} header
 * (Trace Context, https://www.w3.org/TR/trace-context/ §3.2), checked as the spec asks
 * before a tracer sees a client's value: one that breaks a rule is ignored, so the SEND
 * starts a trace of its own. It is never an error: a client with a broken tracer still
 * chats. The scaffolding ({@link StompTraceHeaders}) asks this class about every SEND a
 * client makes and every MESSAGE an instance delivers, and only a value it returns goes
 * on to the tracer.
 *
 * <p>
 * STOMP header names are case-sensitive, so only {@value #HEADER} is read (§3.2.1 asks
 * HTTP receivers to take any case). A repeated header counts by its first entry (STOMP
 * 1.2, "Repeated Header Entries").
 */
final class Traceparent {

	/** The STOMP header, as the spec names it (§3.2.1). */
	static final String HEADER = "traceparent";

	// TODO(3.14): the constants and helpers you need (a version 00 value is 55 characters).

	private Traceparent() {
	}

	/**
	 * Checks a client's {@code traceparent} and writes it as version {@code 00}.
	 * @param value the header's value, or null
	 * @return the value to continue the trace from, or null to start a new trace
	 */
	static String valid(String value) {
		throw new UnsupportedOperationException(
				"TODO(3.14): Traceparent.valid: null for a value that breaks a rule of W3C Trace Context §3.2 (length, lower-case hex, version ff, all-zero ids, what follows a version 00), else the value as version 00 with only the sampled flag");
	}

}
