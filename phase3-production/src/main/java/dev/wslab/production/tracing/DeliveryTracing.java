package dev.wslab.production.tracing;

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
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * On the client outbound channel of the instance that delivers: hands a traced MESSAGE to
 * its session inside an observation, a span whose parent is the {@code traceparent} the
 * message brought through RabbitMQ, and writes that span's {@code traceparent} on the
 * frame the client gets: same trace id, this hop's span as the parent. A MESSAGE without
 * one (a replay from the log, presence) is not traced.
 */
final class DeliveryTracing extends TracedHandling {

	/** The observation: a timer of the same name, and a span per traced delivery. */
	static final String OBSERVATION = "wslab.chat.delivery.handling";

	private static final Log logger = LogFactory.getLog(DeliveryTracing.class);

	private final ObservationRegistry registry;

	DeliveryTracing(ObservationRegistry registry, Tracer tracer, Propagator propagator, String instance) {
		super(tracer, propagator, instance);
		this.registry = registry;
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE
				|| StompTraceHeaders.traceparent(message) == null) {
			return message;
		}
		String kind = DestinationKind.delivered(message).tag();
		Message<?> handled = open(message,
				Observation.createNotStarted(OBSERVATION, () -> StompTraceHeaders.receiving(message), this.registry)
					.contextualName("deliver " + kind)
					.lowCardinalityKeyValue("kind", kind));
		String traceparent = currentTraceparent();
		MessageHeaderAccessor accessor = MessageHeaderAccessor.getMutableAccessor(handled);
		if (traceparent == null || !(accessor instanceof NativeMessageHeaderAccessor stomp)) {
			return handled;
		}
		stomp.setNativeHeader(Traceparent.HEADER, traceparent);
		return MessageBuilder.createMessage(handled.getPayload(), stomp.getMessageHeaders());
	}

	@Override
	void handled(Message<?> message, Exception ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("MESSAGE " + SimpMessageHeaderAccessor.getDestination(message.getHeaders()) + " to session "
					+ SimpMessageHeaderAccessor.getSessionId(message.getHeaders()) + ((ex != null) ? " failed" : "")
					+ ", traceparent "
					+ NativeMessageHeaderAccessor.getFirstNativeHeader(Traceparent.HEADER, message.getHeaders()));
		}
	}

}
