package dev.wslab.production.reconnect;

import java.net.URI;

/**
 * What a {@link ReconnectingChatClient} tells its user. Called on the client's threads:
 * return quickly.
 */
public interface ChatListener {

	/**
	 * A room or private message, shown once: a replayed copy of one already shown never
	 * comes here.
	 * @param destination the subscription's destination
	 * @param id the message's id in its log
	 * @param json the message, JSON
	 */
	void message(String destination, String id, String json);

	/**
	 * Connected, or connected again, with every subscription renewed.
	 * @param endpoint where
	 */
	default void connected(URI endpoint) {
	}

	/**
	 * The connection ended; the client will try again after its backoff.
	 * @param reason what happened
	 */
	default void disconnected(String reason) {
	}

	/**
	 * A subscription could not be resumed exactly: messages before {@code oldest} are no
	 * longer kept (README, 3.3).
	 * @param destination the subscription's destination
	 * @param requested the {@code since} the client sent
	 * @param oldest the oldest id still kept, or null
	 */
	default void gap(String destination, String requested, String oldest) {
	}

	/**
	 * A SEND the chat did not confirm while its connection stayed up: refused (its error
	 * came on {@code /user/queue/errors}, if subscribed) or unanswered. The client does
	 * not send it again.
	 * @param destination where it went
	 * @param json its body
	 */
	default void unconfirmed(String destination, String json) {
	}

	/**
	 * The client stopped trying: its fresh token was refused too.
	 * @param reason the server's last ERROR message
	 */
	default void gaveUp(String reason) {
	}

}
