package dev.wslab.production.dashboard;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's event stream: {@code GET /api/dashboard/stream}, one
 * {@code text/event-stream} per viewer, resumed from {@code Last-Event-ID} (HTML
 * Standard, 9.2.4: the browser sends it when it reconnects). Past
 * {@code wslab.dashboard.max-viewers} on this instance the answer is 503 with
 * {@code Retry-After}.
 */
@RestController
class DashboardController {

	private final DashboardFeed feed;

	DashboardController(DashboardFeed feed) {
		this.feed = feed;
	}

	@GetMapping(path = "/api/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId)
			throws IOException {
		SseEmitter stream = this.feed.open(lastEventId);
		if (stream == null) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10").build();
		}
		return ResponseEntity.ok(stream);
	}

}
