package dev.wslab.workshop.board;

import java.time.Instant;
import java.util.List;

/**
 * A participant's progress event as the board reads it; the kit's
 * {@code dev.wslab.kit.workshop.ProgressEvent} writes it (the board's tests publish with
 * the kit's publisher, so the two cannot drift apart unnoticed).
 *
 * @param v the format's version
 * @param kind {@code joined} or {@code run}
 * @param workshop the workshop id
 * @param participant the participant's name
 * @param phase the phase module of a run
 * @param track the track of a run
 * @param at when the run happened, on the participant's clock
 * @param exercises each exercise's status
 */
record ProgressEvent(int v, String kind, String workshop, String participant, String phase, String track, Instant at,
		List<ExerciseStatus> exercises) {

	/**
	 * One exercise's status in a run.
	 *
	 * @param id the exercise id
	 * @param status {@code PASSED}, {@code FAILED} or {@code NOT_RUN}
	 * @param passed grader tests passed
	 * @param tests grader tests run
	 * @param firstFailure the first failing grader, or null
	 */
	record ExerciseStatus(String id, Status status, long passed, long tests, FirstFailure firstFailure) {

	}

	/**
	 * The first failing grader and its one-line reason.
	 *
	 * @param grader the grader class and test
	 * @param reason the reason
	 */
	record FirstFailure(String grader, String reason) {

	}

	/** An exercise's status in one run, as the scoreboard names it. */
	enum Status {

		/** Every grader test passed. */
		PASSED,

		/** A grader test failed. */
		FAILED,

		/** Its graders did not run (a filtered run). */
		NOT_RUN

	}

}
