package dev.wslab.spring.chat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The race behind {@link ErrorFrameDelivery}, replayed step by step: one thread is still
 * writing CONNECTED when another sends ERROR and closes with 1002.
 */
class ErrorFrameDeliveryTests {

	@Test
	void springsDecoratorDropsAnErrorFrameQueuedBehindASendInProgress() throws Exception {
		List<String> wire = replayTheRace(
				(session) -> new ConcurrentWebSocketSessionDecorator(session, 10_000, 65_536));

		assertThat(wire).containsExactly("CONNECTED", "close 1002");
	}

	@Test
	void theChatsDecoratorWritesTheErrorFrameBeforeItCloses() throws Exception {
		List<String> wire = replayTheRace((session) -> DrainBeforeProtocolErrorClose.wrap(session, 10_000, 65_536));

		assertThat(wire).containsExactly("CONNECTED", "ERROR", "close 1002");
	}

	@Test
	void theChatsStompHandlerUsesTheDrainingDecorator() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				ErrorFrameDelivery.class, MinimalStomp.class)) {
			assertThat(context.getBean("subProtocolWebSocketHandler"))
				.isInstanceOf(ErrorFrameDelivery.DrainingHandler.class);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	static class MinimalStomp implements WebSocketMessageBrokerConfigurer {

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/ws/chat");
		}

	}

	/**
	 * Thread A is inside the socket write of CONNECTED and holds the decorator's flush
	 * lock. Thread B sends ERROR (it can only queue it) and closes with 1002, as Spring's
	 * STOMP handler does. Then A's write completes.
	 */
	private static List<String> replayTheRace(Function<WebSocketSession, WebSocketSession> decorate) throws Exception {
		SocketStandIn socket = new SocketStandIn();
		WebSocketSession session = decorate.apply(socket);
		CompletableFuture<Void> threadA = sendOnAnotherThread(session, "CONNECTED");
		assertThat(socket.writeStarted.await(10, TimeUnit.SECONDS)).isTrue();

		session.sendMessage(new TextMessage("ERROR"));
		Thread threadB = Thread.ofPlatform().start(() -> close(session, CloseStatus.PROTOCOL_ERROR));
		// Let B get as far as it goes while A is still writing: Spring's decorator closes
		// at once; the chat's waits for its buffer to drain.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> threadB.getState() == Thread.State.TERMINATED
					|| threadB.getState() == Thread.State.TIMED_WAITING);
		socket.finishWrite.countDown();

		threadA.get(10, TimeUnit.SECONDS);
		assertThat(threadB.join(Duration.ofSeconds(10))).isTrue();
		return List.copyOf(socket.wire);
	}

	private static CompletableFuture<Void> sendOnAnotherThread(WebSocketSession session, String frame) {
		return CompletableFuture.runAsync(() -> {
			try {
				session.sendMessage(new TextMessage(frame));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, Executors.newVirtualThreadPerTaskExecutor());
	}

	private static void close(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stands in for the container's session: records what reaches the wire, and holds the
	 * first write until the test lets it finish.
	 */
	private static final class SocketStandIn implements WebSocketSession {

		final List<String> wire = new CopyOnWriteArrayList<>();

		final CountDownLatch writeStarted = new CountDownLatch(1);

		final CountDownLatch finishWrite = new CountDownLatch(1);

		private volatile boolean open = true;

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			if (!this.open) {
				throw new IOException("closed");
			}
			boolean first = this.writeStarted.getCount() == 1;
			this.wire.add((String) message.getPayload());
			this.writeStarted.countDown();
			if (first) {
				try {
					this.finishWrite.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public void close(CloseStatus status) {
			this.open = false;
			this.wire.add("close " + status.getCode());
		}

		@Override
		public void close() {
			close(CloseStatus.NORMAL);
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public String getId() {
			return "stand-in";
		}

		@Override
		public URI getUri() {
			return URI.create("ws://localhost/ws/chat");
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return new ConcurrentHashMap<>();
		}

		@Override
		public Principal getPrincipal() {
			return null;
		}

		@Override
		public InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public InetSocketAddress getRemoteAddress() {
			return null;
		}

		@Override
		public String getAcceptedProtocol() {
			return null;
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getTextMessageSizeLimit() {
			return 65_536;
		}

		@Override
		public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getBinaryMessageSizeLimit() {
			return 65_536;
		}

		@Override
		public List<WebSocketExtension> getExtensions() {
			return List.of();
		}

	}

}
