package dev.wslab.workshop.board;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.wslab.workshop.board.ProgressEvent.ExerciseStatus;
import dev.wslab.workshop.board.ProgressEvent.Status;
import dev.wslab.workshop.board.RoomView.Cell;
import dev.wslab.workshop.board.RoomView.CellState;
import dev.wslab.workshop.board.RoomView.Column;
import dev.wslab.workshop.board.RoomView.Row;

/**
 * Where every participant stands, folded from their events in the order the stream holds
 * them: replaying the stream from its first event rebuilds the same room.
 */
final class Room {

	private final Exercises exercises;

	private final Duration stuckAfter;

	// participant -> exercise id -> latest cell
	private final Map<String, Participant> participants = new TreeMap<>();

	private long version;

	Room(Exercises exercises, Duration stuckAfter) {
		this.exercises = exercises;
		this.stuckAfter = stuckAfter;
	}

	/**
	 * Folds one event in. An exercise a run did not grade keeps its last status, so a run
	 * filtered to one exercise does not erase the others.
	 */
	synchronized void apply(ProgressEvent event) {
		Participant participant = this.participants.computeIfAbsent(event.participant(),
				(name) -> new Participant(event.at()));
		if ("run".equals(event.kind())) {
			participant.lastRun = event.at();
			for (ExerciseStatus status : event.exercises()) {
				if (status.status() == Status.NOT_RUN || !this.exercises.contains(status.id())) {
					continue;
				}
				Progress before = participant.progress.get(status.id());
				Instant failingSince = (status.status() != Status.FAILED) ? null
						: (before != null && before.failingSince != null) ? before.failingSince : event.at();
				participant.progress.put(status.id(), new Progress(status, failingSince));
			}
		}
		this.version++;
	}

	synchronized RoomView view(Instant now) {
		List<Row> rows = this.participants.entrySet().stream().map((entry) -> {
			Participant participant = entry.getValue();
			Map<String, Cell> cells = new HashMap<>();
			participant.progress.forEach((id, progress) -> cells.put(id, cell(progress, now)));
			return new Row(entry.getKey(), participant.joined, participant.lastRun, cells);
		}).toList();
		List<Column> columns = this.exercises.all().stream().map((exercise) -> column(exercise, rows)).toList();
		List<String> idle = rows.stream().filter((row) -> row.lastRun() == null).map(Row::participant).toList();
		return new RoomView(this.version, now, this.stuckAfter.toMinutes(), columns, rows, idle);
	}

	private Cell cell(Progress progress, Instant now) {
		ExerciseStatus status = progress.status;
		CellState state = switch (status.status()) {
			case PASSED -> CellState.DONE;
			case FAILED -> Duration.between(progress.failingSince, now).compareTo(this.stuckAfter) >= 0
					? CellState.STUCK : CellState.WORKING;
			case NOT_RUN -> CellState.NOT_STARTED;
		};
		ProgressEvent.FirstFailure failure = status.firstFailure();
		return new Cell(state, status.passed(), status.tests(), progress.failingSince,
				(failure != null) ? failure.grader() : null, (failure != null) ? failure.reason() : null);
	}

	private static Column column(Exercises.Column exercise, List<Row> rows) {
		List<Cell> cells = rows.stream()
			.map((row) -> row.cells().get(exercise.id()))
			.filter((cell) -> cell != null)
			.toList();
		Map<String, Long> failures = cells.stream()
			.filter((cell) -> cell.grader() != null && cell.state() != CellState.DONE)
			.collect(Collectors.groupingBy(Cell::grader, Collectors.counting()));
		String commonFailure = null;
		long commonCount = 0;
		if (!failures.isEmpty()) {
			Map.Entry<String, Long> top = failures.entrySet()
				.stream()
				.max(Map.Entry.<String, Long>comparingByValue()
					.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
				.orElseThrow();
			commonFailure = top.getKey();
			commonCount = top.getValue();
		}
		String top = commonFailure;
		String reason = (top == null) ? null : cells.stream()
			.filter((cell) -> top.equals(cell.grader()) && cell.state() != CellState.DONE && cell.reason() != null)
			.collect(Collectors.groupingBy(Cell::reason, Collectors.counting()))
			.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map(Map.Entry::getKey)
			.orElse(null);
		return new Column(exercise.id(), exercise.phase(), exercise.title(), count(cells, CellState.DONE),
				count(cells, CellState.WORKING), count(cells, CellState.STUCK), commonFailure, commonCount, reason);
	}

	private static long count(List<Cell> cells, CellState state) {
		return cells.stream().filter((cell) -> cell.state() == state).count();
	}

	private static final class Participant {

		private final Instant joined;

		private Instant lastRun;

		private final Map<String, Progress> progress = new HashMap<>();

		Participant(Instant joined) {
			this.joined = joined;
		}

	}

	private record Progress(ExerciseStatus status, Instant failingSince) {

	}

}
