package dev.wslab.production.tracing;

import dev.wslab.production.carried.CarriedHeaders;
import dev.wslab.production.metrics.DestinationKind;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.handler.invocation.AbstractMethodMessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;

/**
 * On the client inbound channel: has the controllers handle each client SEND inside an
 * observation, a span whose parent is the SEND's {@code traceparent} when it has a valid
 * one (otherwise a new trace), and carries that span's {@code traceparent} onto every
 * message the handling sends to the broker ({@link CarriedHeaders}): the room message, a
 * private message, an error told to the sender.
 */
final class SendTracing extends TracedHandling {

	/** The observation: a timer of the same name, and a span per SEND. */
	static final String OBSERVATION = "wslab.chat.send.handling";

	private static final Log logger = LogFactory.getLog(SendTracing.class);

	private final ObservationRegistry registry;

	SendTracing(ObservationRegistry registry, Tracer tracer, Propagator propagator, String instance) {
		super(tracer, propagator, instance);
		this.registry = registry;
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		// A client's SEND is a MESSAGE-type message on this channel. Every handler
		// subscribed to the channel (the relay, the user destinations, the controllers)
		// gets it, each in a task of its own: only the controllers' handling is traced,
		// so that a SEND is one span, whose trace goes on to the broker.
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE
				|| !(handler instanceof AbstractMethodMessageHandler<?>)) {
			return message;
		}
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		String kind = DestinationKind.of(destination).tag();
		Message<?> handled = open(message,
				Observation.createNotStarted(OBSERVATION, () -> StompTraceHeaders.receiving(message), this.registry)
					.contextualName("send " + kind)
					.lowCardinalityKeyValue("kind", kind));
		String traceparent = currentTraceparent();
		if (traceparent != null) {
			CarriedHeaders.carry(Traceparent.HEADER, traceparent, (any) -> true);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("SEND " + destination + " from session "
					+ SimpMessageHeaderAccessor.getSessionId(message.getHeaders()) + ", traceparent " + traceparent);
		}
		return handled;
	}

	@Override
	void handled(Message<?> message, Exception ex) {
		CarriedHeaders.drop(Traceparent.HEADER);
	}

}
