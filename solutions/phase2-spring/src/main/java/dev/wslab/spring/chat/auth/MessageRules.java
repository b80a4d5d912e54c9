package dev.wslab.spring.chat.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.socket.EnableWebSocketSecurity;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;

/**
 * Exercise 2.8: who may send and subscribe where. The first rule that matches a frame
 * decides, and anything no rule allows is denied.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketSecurity
public class MessageRules {

	@Bean
	static AuthorizationManager<Message<?>> messageAuthorizationManager(
			MessageMatcherDelegatingAuthorizationManager.Builder messages) {
		return messages
			// CONNECT needs the user set by the JWT interceptor.
			.simpTypeMatchers(SimpMessageType.CONNECT)
			.authenticated()
			// Leaving is always allowed, and heartbeats carry nothing.
			.simpTypeMatchers(SimpMessageType.DISCONNECT, SimpMessageType.UNSUBSCRIBE, SimpMessageType.HEARTBEAT)
			.permitAll()
			// Only ADMIN may watch the admin topics.
			.simpSubscribeDestMatchers("/topic/admin/**")
			.hasRole("ADMIN")
			// Users read rooms and presence, and their own queues: /user/queue/** is
			// resolved to this session's queues. /user/{someone}/..., and the resolved
			// /queue/...-user{session} names, match no rule and are denied.
			.simpSubscribeDestMatchers("/topic/room.*", "/topic/presence", "/user/queue/**", "/app/presence")
			.hasRole("USER")
			// Every SEND goes through the application, which checks and stamps it.
			.simpMessageDestMatchers("/app/**")
			.hasRole("USER")
			// A SEND straight to the broker would skip those checks.
			.simpMessageDestMatchers("/topic/**", "/queue/**", "/user/**")
			.denyAll()
			.anyMessage()
			.denyAll()
			.build();
	}

}
