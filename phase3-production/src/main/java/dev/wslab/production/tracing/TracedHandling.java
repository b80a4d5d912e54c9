package dev.wslab.production.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.slf4j.MDC;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * What the two traced hops share: an observation opened on the channel's thread just
 * before the handler runs, in scope while it runs (so every log line written meanwhile
 * has the trace id and this instance's name in its MDC), and stopped after.
 */
abstract class TracedHandling implements ExecutorChannelInterceptor {

	/** The MDC key of the instance's name: the instances of a test share one log. */
	static final String INSTANCE = "instance";

	/** The message header that keeps the open scope between the two callbacks. */
	private static final String SCOPE = TracedHandling.class.getName() + ".scope";

	private final Tracer tracer;

	private final Propagator propagator;

	private final String instance;

	TracedHandling(Tracer tracer, Propagator propagator, String instance) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.instance = instance;
	}

	/**
	 * Starts an observation and opens its scope on this thread.
	 * @param message the message about to be handled
	 * @param observation the observation, not started
	 * @return the message, with the scope to close after it is handled
	 */
	final Message<?> open(Message<?> message, Observation observation) {
		Observation.Scope scope = observation.start().openScope();
		MDC.put(INSTANCE, this.instance);
		MessageHeaderAccessor accessor = MessageHeaderAccessor.getMutableAccessor(message);
		accessor.setHeader(SCOPE, scope);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	/**
	 * Writes the current span as a {@code traceparent}.
	 * @return the value, or null outside a span
	 */
	final String currentTraceparent() {
		Span span = this.tracer.currentSpan();
		return (span != null) ? StompTraceHeaders.traceparent(this.propagator, span.context()) : null;
	}

	/**
	 * Called in scope, just before it closes.
	 * @param message the message handled
	 * @param ex what the handler threw, or null
	 */
	void handled(Message<?> message, Exception ex) {
	}

	@Override
	public final void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			Exception ex) {
		if (!(message.getHeaders().get(SCOPE) instanceof Observation.Scope scope)) {
			return;
		}
		Observation observation = scope.getCurrentObservation();
		try {
			handled(message, ex);
			if (ex != null) {
				observation.error(ex);
			}
		}
		finally {
			MDC.remove(INSTANCE);
			scope.close();
			observation.stop();
		}
	}

}
