package dev.wslab.kit.workshop;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one progress event to the workshop's exchange with Spring's STOMP client over
 * TCP, and waits, within a bound, for the broker's RECEIPT: the event is then routed.
 * Best effort: every failure becomes a one-line outcome, never an exception.
 */
public final class WorkshopPublisher {

	/**
	 * How long connecting and the receipt may take together, unless told otherwise. It
	 * was 2 s: a participant's machine still busy after its tests (load 14, measured)
	 * missed it with the broker up, since a fresh JVM's first STOMP connection also
	 * starts Netty.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WorkshopPublisher() {
	}

	/**
	 * The outcome of one publish.
	 *
	 * @param delivered whether the broker confirmed the SEND with a RECEIPT
	 * @param line one line for the participant's console
	 * @param elapsed how long it took
	 */
	public record Outcome(boolean delivered, String line, Duration elapsed) {

	}

	/**
	 * Serializes an event as the board reads it.
	 * @param event the event
	 * @return its JSON
	 */
	public static byte[] json(ProgressEvent event) {
		return JSON.writeValueAsBytes(event);
	}

	/**
	 * Publishes an event and waits for the broker's receipt.
	 * @param settings where to
	 * @param event the event
	 * @param timeout the bound on connecting and the receipt together
	 * @return the outcome; never throws
	 */
	public static Outcome publish(WorkshopSettings settings, ProgressEvent event, Duration timeout) {
		long start = System.nanoTime();
		String where = settings.host() + ":" + settings.port();
		ReactorNettyTcpStompClient client = new ReactorNettyTcpStompClient(settings.host(), settings.port());
		SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
		scheduler.setVirtualThreads(true);
		client.setTaskScheduler(scheduler);
		client.setDefaultHeartbeat(new long[] { 0, 0 });
		client.setReceiptTimeLimit(timeout.toMillis());
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		StompSession session = null;
		try {
			StompHeaders connect = new StompHeaders();
			connect.setLogin(settings.login());
			connect.setPasscode(settings.passcode());
			connect.setHost(settings.virtualHost());
			session = client.connectAsync(connect, new BrokerErrors(receipt))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			StompHeaders send = new StompHeaders();
			send.setDestination(settings.destination());
			send.setContentType(MimeTypeUtils.APPLICATION_JSON);
			session.setAutoReceipt(true);
			StompSession.Receiptable receiptable = session.send(send, json(event));
			receiptable.addReceiptTask(() -> receipt.complete(null));
			receiptable.addReceiptLostTask(() -> receipt.completeExceptionally(new TimeoutException("no RECEIPT")));
			long left = timeout.toNanos() - (System.nanoTime() - start);
			receipt.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
			return new Outcome(true, "workshop: progress sent to " + where + " as " + settings.participant(),
					elapsed(start));
		}
		catch (ExecutionException ex) {
			return failed(where, ex.getCause().getMessage(), start);
		}
		catch (TimeoutException ex) {
			return failed(where, "no answer within " + timeout.toMillis() + " ms", start);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(where, "interrupted", start);
		}
		catch (RuntimeException ex) {
			return failed(where, ex.toString(), start);
		}
		finally {
			disconnect(session);
			client.shutdown();
			scheduler.close();
		}
	}

	private static void disconnect(StompSession session) {
		if (session == null || !session.isConnected()) {
			return;
		}
		try {
			session.disconnect();
		}
		catch (MessageDeliveryException ex) {
			// After an ERROR frame the broker closes the connection; the session may not
			// know yet, and its DISCONNECT finds the connection gone. Nothing is lost.
		}
	}

	private static Outcome failed(String where, String why, long start) {
		String reason = (why == null) ? "unknown error" : why.lines().findFirst().orElse(why);
		return new Outcome(false, "workshop: progress not sent (" + where + ": " + reason
				+ "); grading is unaffected, the board just misses this run", elapsed(start));
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Turns the broker's ERROR frame (refused, no such exchange) into a failed receipt.
	 */
	private static final class BrokerErrors extends StompSessionHandlerAdapter {

		private final CompletableFuture<Void> receipt;

		BrokerErrors(CompletableFuture<Void> receipt) {
			this.receipt = receipt;
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			String message = headers.getFirst("message");
			this.receipt.completeExceptionally(new IllegalStateException("broker said ERROR " + message));
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			this.receipt.completeExceptionally(exception);
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			this.receipt.completeExceptionally(exception);
		}

	}

}
