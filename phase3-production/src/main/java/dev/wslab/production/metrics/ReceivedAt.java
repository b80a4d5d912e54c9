package dev.wslab.production.metrics;

import java.time.Instant;

import dev.wslab.production.carried.CarriedHeaders;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * Carries the moment a SEND arrived to every MESSAGE it causes, so the instance that
 * delivers the message can time its whole way ({@link ChatMeters#DELIVERY_LATENCY}).
 *
 * <p>
 * {@link InboundMeters} stamps the SEND when it enters the client inbound channel, and
 * marks the thread that handles it. A room message the controller then sends to the
 * broker channel, on that same thread, gets the stamp as a STOMP header, {@value #HEADER}
 * ({@link CarriedHeaders}): the relay forwards it to RabbitMQ, and RabbitMQ keeps it on
 * the MESSAGE every subscriber gets, on every instance. Subscribers see the header too;
 * it is the arrival time in microseconds since the epoch.
 */
final class ReceivedAt {

	/**
	 * The STOMP header on a room MESSAGE: when its SEND arrived, in epoch microseconds.
	 */
	static final String HEADER = "wslab-received-at";

	/** The message header on the SEND itself, inside the instance. */
	private static final String INBOUND = ReceivedAt.class.getName();

	private ReceivedAt() {
	}

	/**
	 * Stamps an inbound SEND with its arrival time.
	 * @param message the SEND
	 * @param micros the arrival time in epoch microseconds
	 * @return the SEND with the stamp: the same message if its headers are still mutable
	 */
	static Message<?> stamp(Message<?> message, long micros) {
		MessageHeaderAccessor accessor = MessageHeaderAccessor.getMutableAccessor(message);
		accessor.setHeader(INBOUND, micros);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

	/**
	 * Marks the current thread as handling a SEND, if the message is a stamped one.
	 * @param message the inbound message about to be handled
	 */
	static void enter(Message<?> message) {
		Object micros = message.getHeaders().get(INBOUND);
		if (micros instanceof Long stamped) {
			CarriedHeaders.carry(HEADER, Long.toString(stamped),
					(destination) -> DestinationKind.of(destination) == DestinationKind.ROOM);
		}
	}

	/** Ends what {@link #enter} marked. */
	static void leave() {
		CarriedHeaders.drop(HEADER);
	}

	/**
	 * Reads the stamp from a delivered MESSAGE.
	 * @param message a message on its way to a client
	 * @return the arrival time of the SEND behind it in epoch microseconds, or null
	 */
	static Long of(Message<?> message) {
		String micros = NativeMessageHeaderAccessor.getFirstNativeHeader(HEADER, message.getHeaders());
		if (micros == null) {
			return null;
		}
		try {
			return Long.valueOf(micros);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Returns an instant in epoch microseconds.
	 * @param instant the instant
	 * @return microseconds since 1970-01-01T00:00Z
	 */
	static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

}
