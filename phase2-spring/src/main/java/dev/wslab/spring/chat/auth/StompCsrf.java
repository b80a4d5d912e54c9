package dev.wslab.spring.chat.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * The STOMP CSRF choice. {@code @EnableWebSocketSecurity} makes every CONNECT carry the
 * HTTP session's CSRF token. That defends apps that authenticate the WebSocket with a
 * cookie: a page on another site could open a socket that the browser signs in with the
 * victim's cookie. This chat has no cookie and no HTTP session. A CONNECT is trusted only
 * if it carries a JWT, which a page on another site cannot read, so it is its own CSRF
 * token. The check is replaced, through the bean name Spring Security looks up, by one
 * that lets CONNECT through; the JWT check and the origin allowlist on both endpoints
 * stay. An app that signs WebSockets in with a session cookie must keep the default.
 */
@Configuration(proxyBeanMethods = false)
class StompCsrf {

	@Bean("csrfChannelInterceptor")
	static ChannelInterceptor csrfChannelInterceptor() {
		return new ChannelInterceptor() {
		};
	}

}
