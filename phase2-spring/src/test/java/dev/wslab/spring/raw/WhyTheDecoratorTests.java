package dev.wslab.spring.raw;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Why exercise 2.1 needs the decorator, shown on a bare Spring session: while one send is
 * still writing to a client that does not read, a second send fails at once. Through the
 * decorator, the second send waits its turn instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WhyTheDecoratorTests {

	private static final BlockingQueue<WebSocketSession> sessions = new LinkedBlockingQueue<>();

	@LocalServerPort
	int port;

	@Test
	void aSecondSendOnABareSessionFailsWhileTheFirstIsStillWriting() throws Exception {
		try (Socket stalled = openWithoutReading()) {
			WebSocketSession bare = sessions.poll(10, TimeUnit.SECONDS);
			assertThat(bare).isNotNull();
			// 32 MiB cannot fit in the socket buffers of a client that reads nothing: the
			// send blocks.
			AtomicBoolean started = new AtomicBoolean();
			CompletableFuture<Void> first = CompletableFuture.runAsync(() -> send(bare, 32 * 1024 * 1024, started),
					Executors.newVirtualThreadPerTaskExecutor());
			// Started, and still not done a moment later: it is blocked writing to the
			// stalled client.
			await().atMost(Duration.ofSeconds(10))
				.during(Duration.ofMillis(300))
				.until(() -> started.get() && !first.isDone());

			assertThatThrownBy(() -> bare.sendMessage(new TextMessage("second")))
				.as("the JSR-356 rule, enforced by Tomcat")
				.isInstanceOf(IllegalStateException.class);

			stalled.close();
		}
	}

	@Test
	void theDecoratorMakesTheSecondSendWaitItsTurnInsteadOfFailing() throws Exception {
		try (Socket stalled = openWithoutReading()) {
			WebSocketSession decorated = new ConcurrentWebSocketSessionDecorator(sessions.poll(10, TimeUnit.SECONDS),
					60_000, 64 * 1024 * 1024);
			AtomicBoolean started = new AtomicBoolean();
			CompletableFuture<Void> first = CompletableFuture.runAsync(() -> send(decorated, 32 * 1024 * 1024, started),
					Executors.newVirtualThreadPerTaskExecutor());
			await().atMost(Duration.ofSeconds(10))
				.during(Duration.ofMillis(300))
				.until(() -> started.get() && !first.isDone());

			// Buffered behind the first send rather than failing: returns without an
			// exception.
			decorated.sendMessage(new TextMessage("second"));

			assertThat(((ConcurrentWebSocketSessionDecorator) decorated).getBufferSize()).isPositive();
			stalled.close();
		}
	}

	private Socket openWithoutReading() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setReceiveBufferSize(4096);
		OutputStream out = socket.getOutputStream();
		out.write(("GET /ws/capture HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	private static void send(WebSocketSession session, int size, AtomicBoolean started) {
		String text = "x".repeat(size);
		started.set(true);
		try {
			session.sendMessage(new TextMessage(text));
		}
		catch (IOException | RuntimeException ex) {
			// The client goes away at the end of the test; the first send then fails, as
			// it should.
		}
	}

	@TestConfiguration
	static class CaptureSessions implements WebSocketConfigurer {

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(captureHandler(), "/ws/capture");
		}

		@Bean
		TextWebSocketHandler captureHandler() {
			return new TextWebSocketHandler() {
				@Override
				public void afterConnectionEstablished(WebSocketSession session) {
					sessions.add(session);
				}
			};
		}

	}

}
