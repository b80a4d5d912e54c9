package dev.wslab.workshop.board;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the room to every open page over SSE: once when a page connects, on every event,
 * and every 30 seconds so that a failing cell turns red when its time is up.
 */
@Component
class BoardUpdates {

	private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	private final Room room;

	private final Clock clock;

	BoardUpdates(Room room, Clock clock) {
		this.room = room;
		this.clock = clock;
	}

	SseEmitter open() {
		// No timeout: the page stays open all day; EventSource reconnects if it drops.
		SseEmitter emitter = new SseEmitter(0L);
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		send(emitter, this.room.view(this.clock.instant()));
		return emitter;
	}

	void changed() {
		RoomView view = this.room.view(this.clock.instant());
		this.emitters.forEach((emitter) -> send(emitter, view));
	}

	@Scheduled(fixedRate = 30_000, initialDelay = 30_000)
	void tick() {
		changed();
	}

	/**
	 * Ends every page's stream when the board stops. Tomcat's graceful shutdown waits for
	 * open requests, and an SSE stream never ends by itself: without this, stopping the
	 * board with a page open waited out the whole shutdown phase (30 s).
	 */
	@EventListener(ContextClosedEvent.class)
	void closePages() {
		this.emitters.forEach(SseEmitter::complete);
	}

	private void send(SseEmitter emitter, RoomView view) {
		try {
			emitter.send(SseEmitter.event().name("room").data(view, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// The page went away; SseEmitter completes itself and onCompletion removes
			// it.
			this.emitters.remove(emitter);
		}
	}

}
