package dev.wslab.production.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A {@link WebSocketClient} that counts the sessions whose handshake response agreed to
 * permessage-deflate ({@code Sec-WebSocket-Extensions}, RFC 7692 §5), so the benchmark
 * knows the server really compressed and not only that the client offered it.
 */
final class NegotiationRecorder implements WebSocketClient {

	private final WebSocketClient delegate;

	private final AtomicInteger deflate = new AtomicInteger();

	NegotiationRecorder(WebSocketClient delegate) {
		this.delegate = delegate;
	}

	int deflateNegotiated() {
		return this.deflate.get();
	}

	void reset() {
		this.deflate.set(0);
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, String uriTemplate,
			@Nullable Object... uriVariables) {
		return execute(handler, null,
				UriComponentsBuilder.fromUriString(uriTemplate).buildAndExpand(uriVariables).encode().toUri());
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, @Nullable WebSocketHttpHeaders headers,
			URI uri) {
		return this.delegate.execute(handler, headers, uri).thenApply((session) -> {
			if (session.getExtensions().stream().anyMatch((ext) -> ext.getName().equals("permessage-deflate"))) {
				this.deflate.incrementAndGet();
			}
			return session;
		});
	}

}
