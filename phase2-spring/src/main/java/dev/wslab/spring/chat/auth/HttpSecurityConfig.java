package dev.wslab.spring.chat.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The HTTP side. Nothing here uses cookies or HTTP sessions: the page is public, the
 * token endpoint checks a password, and the WebSocket handshake is open because the user
 * proves who they are inside the STOMP CONNECT frame, where Spring Security's message
 * rules take over. With no ambient credentials, HTTP CSRF protection has nothing to
 * protect, so it is off; the STOMP side of that choice is explained in {@link StompCsrf}.
 */
@Configuration(proxyBeanMethods = false)
class HttpSecurityConfig {

	@Bean
	SecurityFilterChain chatHttpSecurity(HttpSecurity http) {
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/", "/index.html", "/chat.js", "/favicon.ico", "/webjars/**", "/error")
				.permitAll()
				.requestMatchers("/api/token")
				.permitAll()
				.requestMatchers("/ws/chat", "/ws/chat/**", "/ws/chat-sockjs/**")
				.permitAll()
				.anyRequest()
				.denyAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// SockJS's iframe transports need frames from the same origin.
			.headers((headers) -> headers.frameOptions((frames) -> frames.sameOrigin()))
			.build();
	}

}
