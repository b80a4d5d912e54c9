package dev.wslab.production.presence;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import dev.wslab.spring.chat.presence.PresenceChange;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Presence across the cluster, kept in Redis: Phase 2's contract (2.10), with the
 * sessions of every instance counted together. A user is online while any instance holds
 * a session of theirs. Their first session anywhere announces them on
 * {@code /topic/presence}, and their last one announces them gone.
 *
 * <p>
 * Each user has a set of {@code instance/session} members; a small Lua script adds or
 * removes one and says, in the same atomic step, whether the set just became non-empty or
 * empty, so two instances never both announce the same change.
 */
@Controller
public class ClusterPresence {

	private static final String ONLINE = "wslab:online";

	private static final RedisScript<Long> JOIN = RedisScript.of("""
			local added = redis.call('SADD', KEYS[1], ARGV[1])
			if added == 1 and redis.call('SCARD', KEYS[1]) == 1 then
			  redis.call('SADD', KEYS[2], ARGV[2])
			  return 1
			end
			return 0
			""", Long.class);

	private static final RedisScript<Long> LEAVE = RedisScript.of("""
			local removed = redis.call('SREM', KEYS[1], ARGV[1])
			if removed == 1 and redis.call('SCARD', KEYS[1]) == 0 then
			  redis.call('SREM', KEYS[2], ARGV[2])
			  return 1
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final SimpMessageSendingOperations messaging;

	private final Clock clock;

	private final String instance;

	ClusterPresence(StringRedisTemplate redis, SimpMessageSendingOperations messaging, Clock clock,
			@Value("${wslab.cluster.instance}") String instance) {
		this.redis = redis;
		this.messaging = messaging;
		this.clock = clock;
		this.instance = instance;
	}

	/**
	 * Says whether a user has a session on any instance.
	 * @param user the username
	 * @return true if online
	 */
	public boolean isOnline(String user) {
		return Boolean.TRUE.equals(this.redis.opsForSet().isMember(ONLINE, user));
	}

	/**
	 * Returns the sessions a user has on every instance, as Redis knows them now.
	 * @param user the username
	 * @return the STOMP session ids
	 */
	public Set<String> sessionsOf(String user) {
		Set<String> members = this.redis.opsForSet().members(sessions(user));
		if (members == null) {
			return Set.of();
		}
		return members.stream()
			.map((member) -> member.substring(member.indexOf('/') + 1))
			.collect(java.util.stream.Collectors.toSet());
	}

	@EventListener
	void connected(SessionConnectedEvent event) {
		Principal user = event.getUser();
		String sessionId = (String) event.getMessage().getHeaders().get("simpSessionId");
		if (user == null || sessionId == null) {
			return;
		}
		Long first = this.redis.execute(JOIN, List.of(sessions(user.getName()), ONLINE), member(sessionId),
				user.getName());
		if (Long.valueOf(1).equals(first)) {
			announce(user.getName(), true);
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		Principal user = event.getUser();
		if (user == null) {
			return;
		}
		// Spring may publish this more than once for a session: only the first removes
		// it.
		Long last = this.redis.execute(LEAVE, List.of(sessions(user.getName()), ONLINE), member(event.getSessionId()),
				user.getName());
		if (Long.valueOf(1).equals(last)) {
			announce(user.getName(), false);
		}
	}

	/**
	 * Answers a subscription to {@code /app/presence} once, on that subscription.
	 * @return the users online on any instance, sorted
	 */
	@SubscribeMapping("/presence")
	public List<String> online() {
		Set<String> users = this.redis.opsForSet().members(ONLINE);
		return (users != null) ? users.stream().sorted().toList() : List.of();
	}

	private String member(String sessionId) {
		return this.instance + "/" + sessionId;
	}

	private static String sessions(String user) {
		return "wslab:presence:" + user;
	}

	private void announce(String user, boolean online) {
		this.messaging.convertAndSend("/topic/presence", new PresenceChange(user, online, this.clock.instant()));
	}

}
