package dev.wslab.production.limits;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Counts this instance's open WebSockets by client address, as exercise 3.6's
 * {@link ConnectionCap} names it: one more when a socket opens, one less when it closes.
 * The cap reads the count at the handshake and a socket counts once it is open, so
 * handshakes from one address that are in flight together can overshoot the cap by their
 * number: a soft cap.
 */
final class OpenSockets implements WebSocketHandlerDecoratorFactory {

	private static final String CLIENT = OpenSockets.class.getName() + ".client";

	private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

	private final ClientAddress addresses;

	OpenSockets(ClientAddress addresses) {
		this.addresses = addresses;
	}

	int count(String client) {
		AtomicInteger count = this.open.get(client);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {
			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				InetSocketAddress peer = session.getRemoteAddress();
				String client = OpenSockets.this.addresses.of((peer != null) ? peer.getAddress().getHostAddress() : "",
						session.getHandshakeHeaders().getFirst("X-Forwarded-For"));
				session.getAttributes().put(CLIENT, client);
				// Inside compute, so that a close of the last socket cannot remove the
				// counter
				// between finding it and counting this one.
				OpenSockets.this.open.compute(client, (key, count) -> {
					AtomicInteger counted = (count != null) ? count : new AtomicInteger();
					counted.incrementAndGet();
					return counted;
				});
				super.afterConnectionEstablished(session);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				Object client = session.getAttributes().get(CLIENT);
				if (client != null) {
					OpenSockets.this.open.computeIfPresent((String) client,
							(key, count) -> (count.decrementAndGet() <= 0) ? null : count);
				}
				super.afterConnectionClosed(session, closeStatus);
			}
		};
	}

	/** Who the client is, from the direct peer and the {@code X-Forwarded-For} header. */
	interface ClientAddress {

		String of(String peer, String forwardedFor);

	}

}
