package dev.wslab.spring.reactive;

import java.time.Clock;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.socket.WebSocketHandler;
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

	private final int clientBuffer;

	private final Clock clock;

	private final GoingAway sessions;

	private final JsonMapper json;

	private final HangUp hangUp;

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
		// TODO(2.11): track the session; publish what it receives (name from
		// Names.fromQuery); send it the sink's messages through
		// onBackpressureBuffer(clientBuffer, onOverflow, BufferOverflowStrategy.ERROR),
		// where onOverflow closes it with 1008 through hangUp; end when either side
		// ends, and forget the session.
		throw new UnsupportedOperationException("TODO(2.11): connect a session to the room in ReactiveChatHandler");
	}

	/**
	 * Publishes a message to everyone connected. Safe to call from any thread.
	 * @param from the sender
	 * @param text the text
	 */
	public void publish(String from, String text) {
		// TODO(2.11): emitNext a ReactiveChatMessage, retrying on FAIL_NON_SERIALIZED.
		throw new UnsupportedOperationException("TODO(2.11): publish to the sink in ReactiveChatHandler.publish");
	}

	/**
	 * Returns how many clients were closed for reading too slowly.
	 * @return the count
	 */
	public int slowClientsClosed() {
		// TODO(2.11): count them.
		throw new UnsupportedOperationException("TODO(2.11): count slow clients in ReactiveChatHandler");
	}

}
