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
import org.springframework.messaging.simp.config.SimpleBrokerRegistration;
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
		registry.addEndpoint("/ws/chat").setAllowedOrigins(this.allowedOrigins);
		registry.addEndpoint("/ws/chat-sockjs")
			.setAllowedOrigins(this.allowedOrigins)
			.withSockJS()
			// The iframe-based transports load the client from here, not from a CDN.
			.setClientLibraryUrl("/webjars/sockjs-client/1.5.1/sockjs.min.js");
		registry.setErrorHandler(new ChatErrorFrames());
		// Not setPreserveReceiveOrder(true): with it, Spring 7.0 swallows a refused
		// frame's exception and sends no ERROR frame (spring-framework#33937).
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		registry.setPreservePublishOrder(true);
		SimpleBrokerRegistration broker = registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(new long[] { 10_000, 10_000 })
			.setTaskScheduler(this.heartbeats);
		// A selector header would be evaluated as a SpEL expression against each
		// message (CVE-2018-1270 was that evaluation running arbitrary code). Nothing in
		// the chat needs selectors, so none is read.
		broker.setSelectorHeaderName(null);
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
