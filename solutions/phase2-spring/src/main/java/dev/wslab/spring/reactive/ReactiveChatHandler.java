package dev.wslab.spring.reactive;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * Exercise 2.11: one reactive chat room for everyone connected.
 *
 * <p>
 * Every text a client sends becomes a {@link ReactiveChatMessage} on one
 * {@code Sinks.many().multicast()} sink, and every session sends what the sink emits. A
 * multicast sink moves at the pace of its slowest subscriber, so each session reads it
 * through its own bounded buffer that requests everything upstream: the sink never waits.
 * The policy for a client whose buffer fills because it stopped reading is to close it
 * with 1008 and a reason; it can reconnect. The other clients never notice.
 */
public class ReactiveChatHandler implements WebSocketHandler {

	// The sink's own buffer (256) only fills while nobody is connected; with clients,
	// each
	// one's buffer below asks for everything, so the sink always has demand.
	private final Sinks.Many<ReactiveChatMessage> room = Sinks.many().multicast().onBackpressureBuffer(256, false);

	private final int clientBuffer;

	private final Clock clock;

	private final GoingAway sessions;

	private final JsonMapper json;

	private final HangUp hangUp;

	private final AtomicInteger slowClientsClosed = new AtomicInteger();

	/**
	 * Creates the handler.
	 * @param clientBuffer how many messages may wait for one client
	 * @param clock the time source
	 * @param sessions tracks sessions so they can be closed on shutdown
	 * @param json writes the messages
	 * @param hangUp closes a slow client, and drops it if it does not take the close
	 */
	public ReactiveChatHandler(int clientBuffer, Clock clock, GoingAway sessions, JsonMapper json, HangUp hangUp) {
		this.clientBuffer = clientBuffer;
		this.clock = clock;
		this.sessions = sessions;
		this.json = json;
		this.hangUp = hangUp;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		String name = Names.fromQuery(session.getHandshakeInfo().getUri());
		this.sessions.track(session);
		Mono<Void> inbound = session.receive()
			.map(WebSocketMessage::getPayloadAsText)
			.doOnNext((text) -> publish(name, text))
			.then();
		// Requests everything from the room, so the room never waits for this client,
		// and holds at most clientBuffer messages that the socket has not taken yet.
		// Reactor Netty asks for more only as earlier writes complete, so for a client
		// that stops reading this buffer fills, and overflows.
		// The overflow cannot travel down the send pipeline: Reactor Netty holds a
		// terminal signal until its writes in flight complete, which for a stalled
		// client is never. So the overflow callback closes the session itself.
		Flux<WebSocketMessage> toClient = this.room.asFlux()
			.onBackpressureBuffer(this.clientBuffer, (dropped) -> tooSlow(session), BufferOverflowStrategy.ERROR)
			.map((message) -> session.textMessage(this.json.writeValueAsString(message)));
		Mono<Void> outbound = session.send(toClient).onErrorResume(Exceptions::isOverflow, (overflow) -> Mono.empty());
		// The session ends when either side ends.
		return Mono.firstWithSignal(inbound, outbound).doFinally((signal) -> this.sessions.forget(session));
	}

	private void tooSlow(WebSocketSession session) {
		this.slowClientsClosed.incrementAndGet();
		CloseStatus status = new CloseStatus(1008, "too slow: more than " + this.clientBuffer + " messages waiting");
		// Nothing downstream can carry this close (see above): subscribe to it here.
		this.hangUp.close(session, status).subscribe();
	}

	/**
	 * Publishes a message to everyone connected. Safe to call from any thread.
	 * @param from the sender
	 * @param text the text
	 */
	public void publish(String from, String text) {
		ReactiveChatMessage message = new ReactiveChatMessage(from, text, this.clock.instant());
		// Two threads emitting at once collide (FAIL_NON_SERIALIZED): retry. Any other
		// failure (nobody connected and the sink's buffer full) drops the message.
		this.room.emitNext(message, (signal, result) -> result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
	}

	/**
	 * Returns how many clients were closed for reading too slowly.
	 * @return the count
	 */
	public int slowClientsClosed() {
		return this.slowClientsClosed.get();
	}

}
