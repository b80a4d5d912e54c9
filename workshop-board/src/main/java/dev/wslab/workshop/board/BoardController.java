package dev.wslab.workshop.board;

import java.time.Clock;
import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The board's endpoints: the room as an SSE stream, as JSON, and as CSV for after the
 * day. The page itself is {@code static/index.html}.
 */
@RestController
class BoardController {

	private final Room room;

	private final BoardUpdates updates;

	private final Clock clock;

	BoardController(Room room, BoardUpdates updates, Clock clock) {
		this.room = room;
		this.updates = updates;
		this.clock = clock;
	}

	@GetMapping(path = "/room/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter updates() {
		return this.updates.open();
	}

	@GetMapping(path = "/room", produces = MediaType.APPLICATION_JSON_VALUE)
	RoomView room() {
		return this.room.view(this.clock.instant());
	}

	@GetMapping(path = "/room.csv", produces = "text/csv")
	ResponseEntity<String> csv() {
		RoomView view = this.room.view(this.clock.instant());
		StringBuilder csv = new StringBuilder("participant,exercise,state,passed,tests,failing_since,first_failure\n");
		for (RoomView.Row row : view.rows()) {
			for (RoomView.Column column : view.columns()) {
				RoomView.Cell cell = row.cells().get(column.id());
				if (cell != null) {
					csv.append(String.join(",", quoted(row.participant()), column.id(), cell.state().name(),
							String.valueOf(cell.passed()), String.valueOf(cell.tests()), instant(cell.failingSince()),
							quoted(cell.grader())))
						.append('\n');
				}
			}
		}
		return ResponseEntity.ok()
			.header("Content-Disposition", "attachment; filename=\"workshop-progress.csv\"")
			.body(csv.toString());
	}

	private static String instant(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	private static String quoted(String value) {
		return (value == null) ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
	}

}
