package dev.wslab.kit.client.stomp;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.client.ws.Transcript;

/**
 * The frames that arrived for one subscription (or the session's errors), taken with
 * bounded waits.
 */
public final class FrameQueue {

	private final String name;

	private final Transcript transcript;

	private final BlockingQueue<ReceivedFrame> frames = new LinkedBlockingQueue<>();

	FrameQueue(String name, Transcript transcript) {
		this.name = name;
		this.transcript = transcript;
	}

	void add(ReceivedFrame frame) {
		this.frames.add(frame);
	}

	/**
	 * Waits for the next frame.
	 * @param timeout the longest wait
	 * @return the frame
	 * @throws AssertionError with the session transcript if nothing arrives in time
	 */
	public ReceivedFrame next(Duration timeout) {
		ReceivedFrame frame = poll(timeout);
		if (frame == null) {
			throw new AssertionError("Nothing arrived on " + this.name + " within " + timeout.toMillis()
					+ " ms.\nTranscript:\n" + this.transcript);
		}
		return frame;
	}

	/**
	 * Waits up to the timeout and returns the next frame, or null if none came.
	 * @param timeout the longest wait
	 * @return the frame or null
	 */
	public ReceivedFrame poll(Duration timeout) {
		try {
			return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	/**
	 * Returns the number of frames waiting.
	 * @return the count
	 */
	public int size() {
		return this.frames.size();
	}

}
