package dev.wslab.production.metrics;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * What a STOMP destination is for, as a tag of few values: message counters are tagged
 * with this, never with the destination itself, whose room names and session ids would
 * make a new time series each. The tracing tags its observations with it too.
 */
public enum DestinationKind {

	/** A room: {@code /app/room.*} in, {@code /topic/room.*} out. */
	ROOM,

	/**
	 * Private messages: {@code /app/chat.private} in, {@code /user/queue/messages} out.
	 */
	PRIVATE,

	/** Errors told to one session: {@code /user/queue/errors}. */
	ERRORS,

	/** Who is online: {@code /topic/presence} and {@code /app/presence}. */
	PRESENCE,

	/** Anything else. */
	OTHER;

	/**
	 * Returns the tag value.
	 * @return for example {@code room}
	 */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Classifies a destination, as the client named it or as Spring resolved a user
	 * destination ({@code /queue/errors-user{session}}, or its {@code /exchange/} form on
	 * RabbitMQ).
	 * @param destination the destination, or null
	 * @return its kind
	 */
	public static DestinationKind of(String destination) {
		if (destination == null) {
			return OTHER;
		}
		if (destination.startsWith("/topic/room.") || destination.startsWith("/app/room.")) {
			return ROOM;
		}
		if (destination.equals("/app/chat.private") || destination.startsWith("/user/queue/messages")
				|| destination.contains("/messages-user")) {
			return PRIVATE;
		}
		if (destination.startsWith("/user/queue/errors") || destination.contains("/errors-user")) {
			return ERRORS;
		}
		if (destination.equals("/topic/presence") || destination.equals("/app/presence")) {
			return PRESENCE;
		}
		return OTHER;
	}

	/**
	 * Classifies a message on its way to a client by the destination the client
	 * subscribed to, before Spring resolved it.
	 * @param message a MESSAGE on the client outbound channel
	 * @return its kind
	 */
	public static DestinationKind delivered(Message<?> message) {
		// A user destination that went through the broker carries its original as a
		// STOMP header; Spring puts it back as the destination only when writing the
		// frame.
		String original = NativeMessageHeaderAccessor
			.getFirstNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, message.getHeaders());
		if (original == null) {
			original = (String) message.getHeaders().get(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION);
		}
		return of((original != null) ? original : SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
	}

}
