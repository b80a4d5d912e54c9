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

	/** {@code 00-} 32 hex {@code -} 16 hex {@code -} 2 hex. */
	private static final int LENGTH = 55;

	private Traceparent() {
	}

	/**
	 * Checks a client's {@code traceparent} and writes it as version {@code 00}.
	 * @param value the header's value, or null
	 * @return the value to continue the trace from, or null to start a new trace
	 */
	static String valid(String value) {
		// §3.2.4: shorter than 55 characters, or a version prefix that is not 2 hex
		// characters and a dash: restart the trace.
		if (value == null || value.length() < LENGTH || !hex(value, 0, 2) || value.charAt(2) != '-') {
			return null;
		}
		String version = value.substring(0, 2);
		// §3.2.2.1: version ff is invalid. §3.2.2.2: version 00 is exactly this format;
		// §3.2.4: a higher version may add fields after the flags, behind a dash.
		if (version.equals("ff") || (version.equals("00") ? value.length() != LENGTH
				: value.length() > LENGTH && value.charAt(LENGTH) != '-')) {
			return null;
		}
		String traceId = value.substring(3, 35);
		String parentId = value.substring(36, 52);
		// §3.2.2.3, §3.2.2.4: lower-case hex, not all zeros, or the traceparent MUST be
		// ignored.
		if (!hex(value, 3, 35) || value.charAt(35) != '-' || zeros(traceId) || !hex(value, 36, 52)
				|| value.charAt(52) != '-' || zeros(parentId) || !hex(value, 53, 55)) {
			return null;
		}
		// §3.2.2.5: only the sampled bit is defined; the others are set to zero when
		// the header is written again, as version 00 (§3.2.4).
		boolean sampled = (Integer.parseInt(value.substring(53, 55), 16) & 0x01) != 0;
		return "00-" + traceId + "-" + parentId + (sampled ? "-01" : "-00");
	}

	/** §3.2.2: HEXDIGLC, lower-case only. */
	private static boolean hex(String value, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean zeros(String id) {
		return id.chars().allMatch((c) -> c == '0');
	}

}
