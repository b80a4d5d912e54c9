package dev.wslab.kit.grading;

import java.util.ArrayList;
import java.util.List;

import dev.wslab.kit.client.ws.Transcript;

/**
 * The kit clients opened by the running graded test, so that a failure can show what each
 * one saw without the grader passing them around. The kit's clients register themselves;
 * {@link Grades} opens a recording before each test and closes it after. Outside a graded
 * test nothing is recorded.
 */
public final class ClientTranscripts {

	/** More clients than this in one test are counted but not kept. */
	static final int MAX_CLIENTS = 16;

	private static final Object LOCK = new Object();

	private static List<Opened> recording;

	private static int dropped;

	private ClientTranscripts() {
	}

	/**
	 * Registers a client's transcript with the running graded test, if any.
	 * @param name what the client is, such as {@code STOMP over ws://localhost:8080/ws}
	 * @param transcript its transcript, still being written
	 */
	public static void opened(String name, Transcript transcript) {
		synchronized (LOCK) {
			if (recording == null) {
				return;
			}
			if (recording.size() < MAX_CLIENTS) {
				recording.add(new Opened(name, transcript));
			}
			else {
				dropped++;
			}
		}
	}

	static void start() {
		synchronized (LOCK) {
			recording = new ArrayList<>();
			dropped = 0;
		}
	}

	static List<Opened> snapshot() {
		synchronized (LOCK) {
			return (recording != null) ? List.copyOf(recording) : List.of();
		}
	}

	static int dropped() {
		synchronized (LOCK) {
			return dropped;
		}
	}

	static void stop() {
		synchronized (LOCK) {
			recording = null;
			dropped = 0;
		}
	}

	/**
	 * One client and its transcript.
	 *
	 * @param name what the client is
	 * @param transcript what crossed its wire
	 */
	record Opened(String name, Transcript transcript) {
	}

}
