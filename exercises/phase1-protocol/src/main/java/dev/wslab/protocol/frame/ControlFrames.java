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
		// TODO(1.8): a PING gets a PONG with identical application data; a PONG gets
		// nothing.
		throw new UnsupportedOperationException("TODO(1.8): answer pings and pongs in ControlFrames.answer");
	}

}
