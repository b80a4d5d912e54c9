package dev.wslab.production.tracing;

import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * W3C trace context in STOMP headers: how Micrometer's {@link Propagator} reads a
 * {@code traceparent} from a frame, and writes one. Scaffolding around exercise 3.14
 * ({@link Traceparent}).
 */
final class StompTraceHeaders {

	private static final Log logger = LogFactory.getLog(StompTraceHeaders.class);

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

	/**
	 * Returns a frame's {@code traceparent}, if {@link Traceparent} finds it valid. A
	 * trace is never worth a message: should the check itself fail, the failure is logged
	 * and the frame goes on untraced.
	 * @param message the frame
	 * @return the value as version 00, or null
	 */
	static String traceparent(Message<?> message) {
		String value = NativeMessageHeaderAccessor.getFirstNativeHeader(Traceparent.HEADER, message.getHeaders());
		try {
			return Traceparent.valid(value);
		}
		catch (RuntimeException ex) {
			logger.error("Checking traceparent " + value + " failed; the frame goes on untraced", ex);
			return null;
		}
	}

	/** Only {@code traceparent} is taken from a client: no B3, baggage or tracestate. */
	private static String get(Message<?> message, String key) {
		return Traceparent.HEADER.equals(key) ? traceparent(message) : null;
	}

}
