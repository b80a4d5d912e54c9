package dev.wslab.spring.chat.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
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
		// TODO(2.8): CONNECT authenticated; DISCONNECT, UNSUBSCRIBE, HEARTBEAT permitted;
		// subscribe /topic/admin/** ADMIN; subscribe /topic/room.*, /topic/presence,
		// /user/queue/** and /app/presence USER; SEND /app/** USER; SEND /topic/**,
		// /queue/** and /user/** denied; anything else denied.
		return (authentication, message) -> {
			throw new UnsupportedOperationException("TODO(2.8): write the rules in MessageRules");
		};
	}

}
