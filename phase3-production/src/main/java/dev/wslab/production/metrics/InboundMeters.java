package dev.wslab.production.metrics;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ExecutorChannelInterceptor;

/**
 * On the client inbound channel: counts every SEND a client makes by the kind of its
 * destination ({@link ChatMeters#MESSAGES_IN}), and stamps it with its arrival time
 * ({@link ReceivedAt}). It runs first of the channel's interceptors, on the thread that
 * read the frame from the socket, so a SEND the rate limit then drops still counts as
 * received.
 */
final class InboundMeters implements ExecutorChannelInterceptor {

	private final Map<DestinationKind, Counter> received = new EnumMap<>(DestinationKind.class);

	private final Clock clock;

	InboundMeters(MeterRegistry registry, Clock clock) {
		this.clock = clock;
		for (DestinationKind kind : DestinationKind.values()) {
			this.received.put(kind,
					Counter.builder(ChatMeters.MESSAGES_IN)
						.description("SEND frames received from clients, by the kind of their destination")
						.tag("kind", kind.tag())
						.register(registry));
		}
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE) {
			return message;
		}
		// A client's SEND is a MESSAGE-type message on this channel.
		this.received.get(DestinationKind.of(SimpMessageHeaderAccessor.getDestination(message.getHeaders())))
			.increment();
		return ReceivedAt.stamp(message, ReceivedAt.micros(this.clock.instant()));
	}

	@Override
	public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
		ReceivedAt.enter(message);
		return message;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		ReceivedAt.leave();
	}

}
