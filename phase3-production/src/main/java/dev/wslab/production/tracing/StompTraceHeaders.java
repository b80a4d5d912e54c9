package dev.wslab.production.tracing;

import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * W3C trace context in STOMP headers: how Micrometer's {@link Propagator} reads a
 * {@code traceparent} from a frame, and writes one.
 */
final class StompTraceHeaders {

	private StompTraceHeaders() {
	}

	/**
	 * Returns an observation context whose parent is the frame's {@code traceparent},
	 * when it has a valid one ({@link Traceparent}); otherwise the observation starts a
	 * trace.
	 * @param message the frame
	 * @return the context
	 */
	static ReceiverContext<Message<?>> receiving(Message<?> message) {
		ReceiverContext<Message<?>> context = new ReceiverContext<>(StompTraceHeaders::get);
		context.setCarrier(message);
		return context;
	}

	/**
	 * Writes a trace context as a {@code traceparent} value.
	 * @param propagator the application's propagator (W3C)
	 * @param context the span's context
	 * @return the value, or null if the propagator wrote none
	 */
	static String traceparent(Propagator propagator, TraceContext context) {
		String[] written = new String[1];
		propagator.inject(context, written, (carrier, key, value) -> {
			if (Traceparent.HEADER.equals(key)) {
				carrier[0] = value;
			}
		});
		return written[0];
	}

	/** Only {@code traceparent} is taken from a client: no B3, baggage or tracestate. */
	private static String get(Message<?> message, String key) {
		if (!Traceparent.HEADER.equals(key)) {
			return null;
		}
		return Traceparent.valid(NativeMessageHeaderAccessor.getFirstNativeHeader(key, message.getHeaders()));
	}

}
