package dev.wslab.spring.chat.presence;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	private final Map<String, String> userBySession = new ConcurrentHashMap<>();

	private final SimpMessageSendingOperations messaging;

	private final Clock clock;

	PresenceController(SimpMessageSendingOperations messaging, Clock clock) {
		this.messaging = messaging;
		this.clock = clock;
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		Principal user = event.getUser();
		String sessionId = (String) event.getMessage().getHeaders().get("simpSessionId");
		if (user == null || sessionId == null) {
			return;
		}
		boolean first = !this.userBySession.containsValue(user.getName());
		this.userBySession.put(sessionId, user.getName());
		if (first) {
			announce(user.getName(), true);
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		// Spring may publish this event more than once for a session: only the first
		// finds the session in the map.
		String user = this.userBySession.remove(event.getSessionId());
		if (user != null && !this.userBySession.containsValue(user)) {
			announce(user, false);
		}
	}

	/**
	 * Answers a subscription to {@code /app/presence} once, on that subscription.
	 * @return the online users, sorted
	 */
	@SubscribeMapping("/presence")
	public List<String> online() {
		return this.userBySession.values().stream().distinct().sorted().toList();
	}

	private void announce(String user, boolean online) {
		this.messaging.convertAndSend("/topic/presence", new PresenceChange(user, online, this.clock.instant()));
	}

}
