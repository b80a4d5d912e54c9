package dev.wslab.kit.client.stomp;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.wslab.kit.client.ws.Transcript;
import dev.wslab.kit.grading.ClientTranscripts;

import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompClientSupport;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Connects STOMP test sessions with Spring's own clients: {@link WebSocketStompClient}
 * for STOMP over WebSocket, and {@link ReactorNettyTcpStompClient} for STOMP over TCP
 * straight to a broker.
 */
public final class StompTestClient {

	private StompTestClient() {
	}

	/**
	 * Connects over WebSocket.
	 * @param url a {@code ws://} endpoint such as {@code ws://localhost:8080/ws/chat}
	 * @param connectHeaders headers for the CONNECT frame, such as {@code Authorization}
	 * @param timeout how long to wait for CONNECTED
	 * @return the session
	 */
	public static StompTestSession overWebSocket(URI url, StompHeaders connectHeaders, Duration timeout) {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		return connect(client, connectHeaders, timeout, "STOMP over " + url,
				(handler) -> client.connectAsync(url, new WebSocketHttpHeaders(), connectHeaders, handler));
	}

	/**
	 * Connects through any of Spring's WebSocket clients, for example a
	 * {@code SockJsClient} limited to one fallback transport, with handshake headers such
	 * as {@code Origin}.
	 * @param webSocketClient the client that carries the frames
	 * @param url the endpoint, {@code ws://} or, for SockJS, {@code http://}
	 * @param handshakeHeaders HTTP headers for the handshake
	 * @param connectHeaders headers for the CONNECT frame
	 * @param timeout how long to wait for CONNECTED
	 * @return the session
	 */
	public static StompTestSession over(WebSocketClient webSocketClient, URI url, WebSocketHttpHeaders handshakeHeaders,
			StompHeaders connectHeaders, Duration timeout) {
		WebSocketStompClient client = new WebSocketStompClient(webSocketClient);
		return connect(client, connectHeaders, timeout, "STOMP over " + url + " with " + webSocketClient,
				(handler) -> client.connectAsync(url, handshakeHeaders, connectHeaders, handler));
	}

	/**
	 * Connects over TCP, as a broker's own STOMP listener expects.
	 * @param host the broker host
	 * @param port the STOMP port
	 * @param connectHeaders headers for the CONNECT frame, including {@code login},
	 * {@code passcode} and {@code host}
	 * @param timeout how long to wait for CONNECTED
	 * @return the session
	 */
	public static StompTestSession overTcp(String host, int port, StompHeaders connectHeaders, Duration timeout) {
		ReactorNettyTcpStompClient client = new ReactorNettyTcpStompClient(host, port);
		return connect(client, connectHeaders, timeout, "STOMP over tcp://" + host + ":" + port,
				(handler) -> client.connectAsync(connectHeaders, handler));
	}

	private static StompTestSession connect(StompClientSupport client, StompHeaders connectHeaders, Duration timeout,
			String description, Connector connector) {
		// No heartbeats unless a test asks for them; the scheduler tracks receipts.
		client.setDefaultHeartbeat(new long[] { 0, 0 });
		SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
		scheduler.setVirtualThreads(true);
		client.setTaskScheduler(scheduler);
		Transcript transcript = new Transcript();
		ClientTranscripts.opened(description, transcript);
		FrameQueue errors = new FrameQueue("ERROR frames", transcript);
		Recorder handler = new Recorder(transcript, errors);
		transcript.sent("CONNECT " + redacted(connectHeaders));
		try {
			StompSession session = connector.connect(handler).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			transcript.received("CONNECTED session=" + session.getSessionId());
			return new StompTestSession(session, transcript, errors, () -> stop(client, scheduler));
		}
		catch (ExecutionException | TimeoutException ex) {
			stop(client, scheduler);
			Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
			throw new AssertionError("Could not connect " + description + ": " + cause + "\nTranscript:\n" + transcript,
					cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	private static void stop(StompClientSupport client, SimpleAsyncTaskScheduler scheduler) {
		if (client instanceof ReactorNettyTcpStompClient tcp) {
			tcp.shutdown();
		}
		scheduler.close();
	}

	private static String redacted(StompHeaders headers) {
		StompHeaders copy = new StompHeaders();
		headers.forEach((name, values) -> copy.put(name,
				(name.equalsIgnoreCase("passcode") || name.equalsIgnoreCase("Authorization")) ? values.stream()
					.map((value) -> value.length() > 12 ? value.substring(0, 12) + "…" : value)
					.toList() : values));
		return copy.toSingleValueMap().toString();
	}

	@FunctionalInterface
	private interface Connector {

		java.util.concurrent.CompletableFuture<StompSession> connect(StompSessionHandlerAdapter handler);

	}

	/**
	 * Records ERROR frames and transport failures instead of losing them on a client
	 * thread.
	 */
	private static final class Recorder extends StompSessionHandlerAdapter {

		private final Transcript transcript;

		private final FrameQueue errors;

		Recorder(Transcript transcript, FrameQueue errors) {
			this.transcript = transcript;
			this.errors = errors;
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			ReceivedFrame frame = StompTestSession.frame("ERROR", headers, payload);
			this.transcript.received(frame.toString());
			this.errors.add(frame);
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			this.transcript.note("client failed to handle " + command + ": " + exception);
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			this.transcript.note("transport error: " + exception);
		}

	}

}
