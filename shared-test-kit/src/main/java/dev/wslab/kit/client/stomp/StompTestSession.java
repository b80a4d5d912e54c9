package dev.wslab.kit.client.stomp;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.wslab.kit.client.ws.Transcript;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.util.MimeTypeUtils;

/**
 * A connected STOMP session whose subscriptions record frames into {@link FrameQueue}s,
 * with a transcript of everything sent and received.
 */
public final class StompTestSession implements AutoCloseable {

	private final StompSession session;

	private final Transcript transcript;

	private final FrameQueue errors;

	private final Runnable onClose;

	StompTestSession(StompSession session, Transcript transcript, FrameQueue errors, Runnable onClose) {
		this.session = session;
		this.transcript = transcript;
		this.errors = errors;
		this.onClose = onClose;
	}

	/**
	 * Subscribes and returns the queue its MESSAGE frames arrive in.
	 * @param destination the destination
	 * @return the queue
	 */
	public FrameQueue subscribe(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		return subscribe(headers);
	}

	/**
	 * Subscribes and returns a queue that also keeps frames marked {@code history:true},
	 * for a test about the history a new subscriber is sent.
	 * @param destination the destination
	 * @return the queue
	 */
	public FrameQueue subscribeIncludingHistory(String destination) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		FrameQueue queue = new FrameQueue(destination, this.transcript, true);
		doSubscribe(headers, queue);
		return queue;
	}

	/**
	 * Subscribes with full control of the headers (for example a {@code selector}
	 * header).
	 * @param headers the SUBSCRIBE headers; the destination is required
	 * @return the queue
	 */
	public FrameQueue subscribe(StompHeaders headers) {
		FrameQueue queue = new FrameQueue(headers.getDestination(), this.transcript);
		doSubscribe(headers, queue);
		return queue;
	}

	/**
	 * Subscribes with a {@code receipt} header and waits for the broker's RECEIPT, so
	 * that nothing sent afterwards can race the subscription. Brokers that send receipts
	 * for SUBSCRIBE (RabbitMQ, and Spring's relay in front of one) support this.
	 * @param destination the destination
	 * @param timeout how long to wait for the receipt
	 * @return the queue
	 */
	public FrameQueue subscribeWithReceipt(String destination, Duration timeout) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		return subscribeWithReceipt(headers, timeout);
	}

	/**
	 * Subscribes with full control of the headers (for example a {@code since} header),
	 * adds a {@code receipt} header and waits for the broker's RECEIPT.
	 * @param headers the SUBSCRIBE headers; the destination is required
	 * @param timeout how long to wait for the receipt
	 * @return the queue
	 */
	public FrameQueue subscribeWithReceipt(StompHeaders headers, Duration timeout) {
		String destination = headers.getDestination();
		headers.setReceipt("subscribe-" + UUID.randomUUID());
		FrameQueue queue = new FrameQueue(destination, this.transcript);
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		StompSession.Subscription subscription = doSubscribe(headers, queue);
		subscription.addReceiptTask(() -> {
			this.transcript.received("RECEIPT receipt-id=" + headers.getReceipt());
			receipt.complete(null);
		});
		try {
			receipt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError("No RECEIPT for the subscription to " + destination + " within "
					+ timeout.toMillis() + " ms.\nTranscript:\n" + this.transcript, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
		return queue;
	}

	private StompSession.Subscription doSubscribe(StompHeaders headers, FrameQueue queue) {
		this.transcript.sent("SUBSCRIBE " + headers.toSingleValueMap());
		return this.session.subscribe(headers, new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders frameHeaders) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders frameHeaders, Object payload) {
				ReceivedFrame frame = frame("MESSAGE", frameHeaders, payload);
				StompTestSession.this.transcript
					.received(queue.wants(frame) ? frame.toString() : frame + " (history: not queued for this test)");
				queue.add(frame);
			}
		});
	}

	/**
	 * Sends a JSON body.
	 * @param destination the destination
	 * @param json the body
	 */
	public void sendJson(String destination, String json) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		send(headers, json);
	}

	/**
	 * Sends a text body with full control of the headers.
	 * @param headers the SEND headers; the destination is required
	 * @param body the body
	 */
	public void send(StompHeaders headers, String body) {
		this.transcript.sent("SEND " + headers.toSingleValueMap() + " body=" + body);
		this.session.send(headers, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a text body asking for a RECEIPT (STOMP 1.2, "Header receipt"): the server
	 * answers once it has processed the frame.
	 * @param headers the SEND headers; the destination is required, the receipt is set
	 * here
	 * @param body the body
	 * @return completes when the RECEIPT comes
	 */
	public CompletableFuture<Void> sendWithReceipt(StompHeaders headers, String body) {
		headers.setReceipt("send-" + UUID.randomUUID());
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		this.transcript.sent("SEND " + headers.toSingleValueMap() + " body=" + body);
		StompSession.Receiptable sent = this.session.send(headers, body.getBytes(StandardCharsets.UTF_8));
		sent.addReceiptTask(() -> {
			this.transcript.received("RECEIPT receipt-id=" + headers.getReceipt());
			receipt.complete(null);
		});
		return receipt;
	}

	/**
	 * Returns the ERROR frames this session received.
	 * @return the queue of errors
	 */
	public FrameQueue errors() {
		return this.errors;
	}

	/**
	 * Returns whether the session is still connected.
	 * @return true while connected
	 */
	public boolean isConnected() {
		return this.session.isConnected();
	}

	/**
	 * Returns everything sent and received.
	 * @return the transcript
	 */
	public Transcript transcript() {
		return this.transcript;
	}

	@Override
	public void close() {
		try {
			if (this.session.isConnected()) {
				this.transcript.sent("DISCONNECT");
				this.session.disconnect();
			}
		}
		catch (IllegalStateException | MessageDeliveryException ex) {
			// The peer closed between isConnected() and the DISCONNECT (a broker does so
			// right after its ERROR frame): the session is gone either way.
			this.transcript.note("DISCONNECT not sent, the connection was already closed: " + ex.getMessage());
		}
		finally {
			this.onClose.run();
		}
	}

	static ReceivedFrame frame(String command, StompHeaders headers, Object payload) {
		Map<String, List<String>> copy = new LinkedHashMap<>(headers);
		String body = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
				: String.valueOf(payload == null ? "" : payload);
		return new ReceivedFrame(command, Map.copyOf(copy), body);
	}

}
