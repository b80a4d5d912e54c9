package dev.wslab.protocol.frame;

import java.util.Optional;

/**
 * Exercise 1.8: answering pings and pongs (RFC 6455 §5.5.2 and §5.5.3). Close frames are
 * answered by {@code CloseFrames} instead.
 */
public final class ControlFrames {

	private ControlFrames() {
	}

	/**
	 * Returns the frame to send back for a received ping or pong.
	 * @param control a PING or PONG frame
	 * @return a PONG for a PING, nothing for a PONG
	 */
	public static Optional<Frame> answer(Frame control) {
		return switch (control.opcode()) {
			// §5.5.2: a pong answers a ping with "identical Application data".
			case PING -> Optional.of(Frame.pong(control.payload()));
			// §5.5.3: an unsolicited pong is a heartbeat; no response is expected.
			case PONG -> Optional.empty();
			default -> throw new IllegalArgumentException("Not a ping or pong: " + control);
		};
	}

}
