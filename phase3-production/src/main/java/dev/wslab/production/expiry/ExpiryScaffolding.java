package dev.wslab.production.expiry;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * What exercise 3.8 builds on: a scheduler of its own, the channel that reaches the
 * clients, and the two moments {@link TokenExpiry} hears of: a CONNECT whose token was
 * accepted, with its expiry ({@link BearerExpiry}), and the end of a session.
 *
 * <p>
 * The CONNECT is seen on the inbound channel after Phase 2's authentication (whose
 * configurer comes first), so its token has been verified. A failure in
 * {@link TokenExpiry} is logged here and goes no further: it must not refuse the CONNECT,
 * nor keep the disconnect event from the listeners after this one, such as the cluster's
 * presence.
 */
@Configuration(proxyBeanMethods = false)
class ExpiryScaffolding implements WebSocketMessageBrokerConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(ExpiryScaffolding.class);

	private final TokenExpiry tokenExpiry;

	ExpiryScaffolding(TokenExpiry tokenExpiry) {
		this.tokenExpiry = tokenExpiry;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
				if (accessor != null && accessor.getCommand() == StompCommand.CONNECT && accessor.getUser() != null) {
					connected(accessor.getSessionId(), BearerExpiry.of(accessor));
				}
				return message;
			}
		});
	}

	private void connected(String sessionId, Instant expiry) {
		if (sessionId == null || expiry == null) {
			return;
		}
		try {
			this.tokenExpiry.connected(sessionId, expiry);
		}
		catch (RuntimeException ex) {
			logger.error("Session {}: its token's expiry was not scheduled", sessionId, ex);
		}
	}

	@EventListener
	void ended(SessionDisconnectEvent event) {
		try {
			this.tokenExpiry.ended(event.getSessionId());
		}
		catch (RuntimeException ex) {
			logger.error("Session {}: its expiry was not cancelled", event.getSessionId(), ex);
		}
	}

	@Bean
	static ThreadPoolTaskScheduler sessionExpiry() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("session-expiry-");
		return scheduler;
	}

	@Bean
	static TokenExpiry tokenExpiry(@Qualifier("sessionExpiry") TaskScheduler scheduler,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		return new TokenExpiry(scheduler, clientOutboundChannel);
	}

}
