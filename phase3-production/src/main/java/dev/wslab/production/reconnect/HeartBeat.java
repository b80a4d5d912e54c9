package dev.wslab.production.reconnect;

/**
 * The two figures of a STOMP {@code heart-beat} header, in milliseconds (STOMP 1.2,
 * Heart-beating). In a CONNECT, {@code send} is how often the client can beat at best and
 * {@code receive} how often it wants the server's beats; in a CONNECTED, the same from
 * the server's side. Zero means never: cannot send, or does not want any.
 *
 * @param send the smallest number of ms between this side's beats, or 0
 * @param receive the number of ms between the other side's beats this side wants, or 0
 */
record HeartBeat(long send, long receive) {

	/** Neither side beats: what a frame without a {@code heart-beat} header means. */
	static final HeartBeat NONE = new HeartBeat(0, 0);

	HeartBeat {
		if (send < 0 || receive < 0) {
			throw new IllegalArgumentException("A heart-beat figure is zero or more ms: " + send + "," + receive);
		}
	}

	/**
	 * Returns the header's figures as Spring's {@code StompHeaders.setHeartbeat} and
	 * {@code setDefaultHeartbeat} take them.
	 * @return {@code {send, receive}}
	 */
	long[] toArray() {
		return new long[] { this.send, this.receive };
	}

	/**
	 * Returns the header's value as it crosses the wire.
	 * @return such as {@code 1500,1500}
	 */
	String header() {
		return this.send + "," + this.receive;
	}

}
