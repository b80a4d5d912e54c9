package dev.wslab.production.relay;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * What exercise 3.1 builds on: the broker settings, a scheduler for the relay's
 * heartbeats, {@link RelayOrphans} and {@link DisconnectAck} around the client sessions'
 * ends, and {@link TopicPaths} both ways.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
class RelayScaffolding implements WebSocketMessageBrokerConfigurer {

	private final RelayOrphans orphans;

	private final TopicPaths toBroker = TopicPaths.toBroker();

	private final TopicPaths toClients = TopicPaths.toClients();

	private final DisconnectAck disconnectAck;

	RelayScaffolding(RelayOrphans orphans, DisconnectAck disconnectAck) {
		this.orphans = orphans;
		this.disconnectAck = disconnectAck;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		// After the message rules (Spring Security's configurer comes first), so they
		// judge the destination the client sent.
		registration.interceptors(this.toBroker, this.disconnectAck);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.configureBrokerChannel().interceptors(this.toBroker);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.orphans, this.toClients);
	}

	@Bean
	static ThreadPoolTaskScheduler relayHeartbeats() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("relay-heartbeat-");
		return scheduler;
	}

}
