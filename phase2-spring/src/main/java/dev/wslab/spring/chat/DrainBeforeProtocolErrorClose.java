package dev.wslab.spring.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Spring's {@link ConcurrentWebSocketSessionDecorator}, except that a close with 1002
 * (protocol error, the close that follows a STOMP ERROR frame) first waits until every
 * message handed to {@link #sendMessage} has been written, for at most {@link #MAX_WAIT}.
 * Other closes, such as 1008 for a client that is too slow, do not wait. Why this exists:
 * {@link ErrorFrameDelivery}.
 */
final class DrainBeforeProtocolErrorClose extends ConcurrentWebSocketSessionDecorator {

	static final Duration MAX_WAIT = Duration.ofSeconds(1);

	private final Written written;

	private final AtomicLong submitted = new AtomicLong();

	private DrainBeforeProtocolErrorClose(Written written, int sendTimeLimit, int bufferSizeLimit) {
		super(written, sendTimeLimit, bufferSizeLimit);
		this.written = written;
	}

	static DrainBeforeProtocolErrorClose wrap(WebSocketSession session, int sendTimeLimit, int bufferSizeLimit) {
		return new DrainBeforeProtocolErrorClose(new Written(session), sendTimeLimit, bufferSizeLimit);
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		this.submitted.incrementAndGet();
		super.sendMessage(message);
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		if (CloseStatus.PROTOCOL_ERROR.equalsCode(status) && isOpen()) {
			this.written.awaitAtLeast(this.submitted.get(), MAX_WAIT);
		}
		super.close(status);
	}

	/** Counts the messages that have left the decorator's buffer for the socket. */
	static final class Written extends WebSocketSessionDecorator {

		private long count;

		Written(WebSocketSession delegate) {
			super(delegate);
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			try {
				super.sendMessage(message);
			}
			finally {
				synchronized (this) {
					this.count++;
					notifyAll();
				}
			}
		}

		synchronized void awaitAtLeast(long target, Duration maxWait) {
			long deadline = System.nanoTime() + maxWait.toNanos();
			try {
				for (long left = maxWait.toNanos(); this.count < target
						&& left > 0; left = deadline - System.nanoTime()) {
					TimeUnit.NANOSECONDS.timedWait(this, left);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
