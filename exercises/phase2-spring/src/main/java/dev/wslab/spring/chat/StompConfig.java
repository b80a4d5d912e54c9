package dev.wslab.spring.chat;

import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Exercise 2.3: the STOMP configuration of the chat.
 *
 * <ul>
 * <li>two endpoints: {@code /ws/chat} for native WebSocket clients and
 * {@code /ws/chat-sockjs} for SockJS, both limited to the allowed origins;</li>
 * <li>{@code /app} for frames that go to {@code @MessageMapping} methods, {@code /user}
 * for per-user destinations;</li>
 * <li>the simple broker for {@code /topic} and {@code /queue}, with 10 s heartbeats both
 * ways, which need a {@link TaskScheduler}, and with SpEL {@code selector} headers
 * switched off.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
public class StompConfig implements WebSocketMessageBrokerConfigurer {

	private final String[] allowedOrigins;

	private final TaskScheduler heartbeats;

	private final MessageChannel clientOutboundChannel;

	StompConfig(@Value("${wslab.chat.allowed-origins}") List<String> allowedOrigins,
			@Qualifier("chatHeartbeats") TaskScheduler heartbeats,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		this.allowedOrigins = allowedOrigins.toArray(String[]::new);
		this.heartbeats = heartbeats;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		// TODO(2.3): add /ws/chat, and /ws/chat-sockjs with SockJS (client library from
		// /webjars/sockjs-client/1.5.1/sockjs.min.js), both with the allowed origins; set
		// new ChatErrorFrames() as the error handler.
		throw new UnsupportedOperationException("TODO(2.3): register the two STOMP endpoints in StompConfig");
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		// TODO(2.3): prefixes /app and /user; the simple broker on /topic and /queue with
		// 10 s heartbeats, this.heartbeats as its scheduler, and no selector header.
		throw new UnsupportedOperationException("TODO(2.3): configure the simple broker in StompConfig");
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new SubscribeReceipts(this.clientOutboundChannel));
	}

	@Bean
	static ThreadPoolTaskScheduler chatHeartbeats() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("stomp-heartbeat-");
		return scheduler;
	}

}
