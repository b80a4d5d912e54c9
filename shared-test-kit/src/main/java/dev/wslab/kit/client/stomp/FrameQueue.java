package dev.wslab.kit.client.stomp;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.client.ws.Transcript;
import dev.wslab.kit.grading.OwnTodo;

/**
 * The frames that arrived for one subscription (or the session's errors), taken with
 * bounded waits. Unless the subscription asked for them, frames with the header
 * {@code history:true} (a room's replayed history) are left out, so a test sees only what
 * was sent after it subscribed; the transcript still shows them.
 */
public final class FrameQueue {

	/** How often a wait for the next frame looks for the graded starter's TODO. */
	private static final Duration TODO_CHECK = Duration.ofMillis(100);

	private final String name;

	private final Transcript transcript;

	private final boolean includeHistory;

	private final BlockingQueue<ReceivedFrame> frames = new LinkedBlockingQueue<>();

	FrameQueue(String name, Transcript transcript) {
		this(name, transcript, false);
	}

	FrameQueue(String name, Transcript transcript, boolean includeHistory) {
		this.name = name;
		this.transcript = transcript;
		this.includeHistory = includeHistory;
	}

	/**
	 * Returns whether this queue keeps a frame: not replayed history it did not ask for.
	 * @param frame the frame
	 * @return true if {@link #add} queues it
	 */
	boolean wants(ReceivedFrame frame) {
		return this.includeHistory || !"true".equals(frame.header("history"));
	}

	void add(ReceivedFrame frame) {
		if (wants(frame)) {
			this.frames.add(frame);
		}
	}

	/**
	 * Waits for the next frame. In a graded test, the wait ends early if the graded
	 * exercise's starter throws its {@code TODO} on the server meanwhile (see
	 * {@link OwnTodo}).
	 * @param timeout the longest wait
	 * @return the frame
	 * @throws AssertionError with the session transcript if nothing arrives in time
	 */
	public ReceivedFrame next(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (;;) {
			long left = deadline - System.nanoTime();
			ReceivedFrame frame = poll(Duration.ofNanos(Math.max(0, Math.min(left, TODO_CHECK.toNanos()))));
			if (frame != null) {
				return frame;
			}
			Throwable todo = OwnTodo.thrownOnTheServer();
			if (todo != null) {
				throw new AssertionError("Nothing arrived on " + this.name + ": the server threw " + todoMessage(todo)
						+ " while the grader waited.\nTranscript:\n" + this.transcript, todo);
			}
			if (left <= 0) {
				throw new AssertionError("Nothing arrived on " + this.name + " within " + timeout.toMillis()
						+ " ms.\nTranscript:\n" + this.transcript);
			}
		}
	}

	private static String todoMessage(Throwable logged) {
		for (Throwable cause = logged; cause != null; cause = cause.getCause()) {
			if (String.valueOf(cause.getMessage()).contains("TODO(")) {
				return cause.getMessage();
			}
		}
		return String.valueOf(logged.getMessage());
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
