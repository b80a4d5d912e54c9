package dev.wslab.production.relay;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * What exercise 3.1 builds on: the broker settings, a scheduler for the relay's
 * heartbeats, and {@link RelayOrphans} on the way to the clients.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayProperties.class)
class RelayScaffolding implements WebSocketMessageBrokerConfigurer {

	private final RelayOrphans orphans;

	RelayScaffolding(RelayOrphans orphans) {
		this.orphans = orphans;
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.orphans);
	}

	@Bean
	static ThreadPoolTaskScheduler relayHeartbeats() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("relay-heartbeat-");
		return scheduler;
	}

}
