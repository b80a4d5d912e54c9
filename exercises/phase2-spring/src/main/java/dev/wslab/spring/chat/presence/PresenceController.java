package dev.wslab.spring.chat.presence;

import java.time.Clock;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Exercise 2.10: presence. A user's first session announces them on
 * {@code /topic/presence}, their last closed session announces them gone, and a
 * subscription to {@code /app/presence} answers once with who is online.
 */
@Controller
public class PresenceController {

	private final SimpMessageSendingOperations messaging;

	private final Clock clock;

	PresenceController(SimpMessageSendingOperations messaging, Clock clock) {
		this.messaging = messaging;
		this.clock = clock;
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		// TODO(2.10): remember the session's user; announce a PresenceChange(online) on
		// /topic/presence if it is their first session.
		throw new UnsupportedOperationException("TODO(2.10): track a connect in PresenceController.connected");
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		// TODO(2.10): forget the session (the event may come twice); announce offline
		// when the user's last session is gone.
		throw new UnsupportedOperationException("TODO(2.10): track a disconnect in PresenceController.disconnected");
	}

	/**
	 * Answers a subscription to {@code /app/presence} once, on that subscription.
	 * @return the online users, sorted
	 */
	@SubscribeMapping("/presence")
	public List<String> online() {
		// TODO(2.10): the distinct online usernames, sorted.
		throw new UnsupportedOperationException("TODO(2.10): list who is online in PresenceController.online");
	}

}
