package dev.wslab.production.cluster;

import java.util.List;

import dev.wslab.spring.chat.ChatErrorFrames;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The chat's two STOMP endpoints, as in Phase 2 (exercise 2.3): {@code /ws/chat} for
 * native WebSocket clients and {@code /ws/chat-sockjs} for SockJS, both limited to the
 * allowed origins. The broker side is {@link dev.wslab.production.relay.RelayConfig}'s.
 */
@Configuration(proxyBeanMethods = false)
class ChatEndpoints implements WebSocketMessageBrokerConfigurer {

	private final String[] allowedOrigins;

	ChatEndpoints(@Value("${wslab.chat.allowed-origins}") List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins.toArray(String[]::new);
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws/chat").setAllowedOrigins(this.allowedOrigins);
		registry.addEndpoint("/ws/chat-sockjs")
			.setAllowedOrigins(this.allowedOrigins)
			.withSockJS()
			.setClientLibraryUrl("/webjars/sockjs-client/1.5.1/sockjs.min.js");
		registry.setErrorHandler(new ChatErrorFrames());
	}

}
