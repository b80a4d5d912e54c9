package dev.wslab.workshop.board;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The room at one instant, as the page renders it: one column per exercise with its
 * counts and most common first failure, one row per participant, and who has not run
 * anything yet.
 *
 * @param version how many events the room has folded in
 * @param at when the view was taken
 * @param stuckAfterMinutes how long a failure lasts before it counts as stuck
 * @param columns the exercises, in teaching order
 * @param rows the participants, by name
 * @param idle participants who joined but have not run anything yet
 */
record RoomView(long version, Instant at, long stuckAfterMinutes, List<Column> columns, List<Row> rows,
		List<String> idle) {

	/** What a cell shows. */
	enum CellState {

		/** Every grader passes. */
		DONE,

		/** Failing, for less than the stuck limit. */
		WORKING,

		/** Failing for longer than the stuck limit. */
		STUCK,

		/** Never graded. */
		NOT_STARTED

	}

	/**
	 * One exercise across the room.
	 *
	 * @param id the exercise id
	 * @param phase its phase
	 * @param title its title
	 * @param done participants who passed it
	 * @param working participants failing it for less than the limit
	 * @param stuck participants failing it for longer
	 * @param commonFailure the grader that fails first most often, or null
	 * @param commonFailureCount for how many participants
	 * @param commonReason that grader's most common one-line reason
	 */
	record Column(String id, String phase, String title, long done, long working, long stuck, String commonFailure,
			long commonFailureCount, String commonReason) {

	}

	/**
	 * One participant.
	 *
	 * @param participant the name
	 * @param joined the first event's time
	 * @param lastRun the latest run's time, or null
	 * @param cells exercise id to cell, for the exercises graded at least once
	 */
	record Row(String participant, Instant joined, Instant lastRun, Map<String, Cell> cells) {

	}

	/**
	 * One participant's exercise.
	 *
	 * @param state what it shows
	 * @param passed grader tests passed in the latest run that graded it
	 * @param tests grader tests run
	 * @param failingSince when its current failing streak began, or null
	 * @param grader the first failing grader, or null
	 * @param reason its one-line reason, or null
	 */
	record Cell(CellState state, long passed, long tests, Instant failingSince, String grader, String reason) {

	}

}
