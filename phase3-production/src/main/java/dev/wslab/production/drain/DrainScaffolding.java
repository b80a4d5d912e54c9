package dev.wslab.production.drain;

import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * What exercise 3.11 builds on: the instance's open sessions ({@link LiveSessions},
 * decorating Spring's WebSocket handler), Spring's messaging executors
 * ({@link InFlight}), and a filter that answers new handshakes 503 once the drain has
 * begun ({@link RefuseWhileDraining}). {@link DrainingShutdown} itself is a
 * {@code SmartLifecycle} bean, stopped by Spring when the context closes (SIGTERM, or
 * {@code close()} in a test). With {@code wslab.drain.enabled=false} there is no drain:
 * Spring's and Tomcat's own stop, as the kill-one-instance drill wants it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DrainProperties.class)
class DrainScaffolding implements WebSocketMessageBrokerConfigurer {

	private final LiveSessions sessions;

	DrainScaffolding(LiveSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.sessions);
	}

	@Bean
	static LiveSessions liveSessions() {
		return new LiveSessions();
	}

	@Bean
	static InFlight inFlight(@Lazy @Qualifier("clientInboundChannelExecutor") ThreadPoolTaskExecutor inbound,
			@Lazy @Qualifier("clientOutboundChannelExecutor") ThreadPoolTaskExecutor outbound,
			@Lazy @Qualifier("brokerChannelExecutor") ThreadPoolTaskExecutor broker) {
		return new InFlight(List.of(inbound, outbound, broker));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "wslab.drain.enabled", matchIfMissing = true)
	static DrainingShutdown drainingShutdown(LiveSessions sessions,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel, InFlight inFlight,
			DrainProperties properties) {
		return new DrainingShutdown(sessions, clientOutboundChannel, inFlight, properties.timeout());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "wslab.drain.enabled", matchIfMissing = true)
	static FilterRegistrationBean<RefuseWhileDraining> refuseWhileDraining(DrainingShutdown drain,
			DrainProperties properties) {
		FilterRegistrationBean<RefuseWhileDraining> registration = new FilterRegistrationBean<>(
				new RefuseWhileDraining(drain, properties));
		registration.addUrlPatterns("/ws/*");
		// Before the security chain and the connection cap: a draining instance takes no
		// one.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
