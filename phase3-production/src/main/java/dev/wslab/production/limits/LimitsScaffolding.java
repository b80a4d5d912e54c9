package dev.wslab.production.limits;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * What the hardening exercises build on: the limits' settings, and exercise 3.5's
 * {@link SendRateLimit} on the client inbound channel, after the CONNECT authentication
 * of Phase 2 (whose configurer comes first), so that every SEND it sees has a user.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitProperties.class)
class LimitsScaffolding implements WebSocketMessageBrokerConfigurer {

	private final SendRateLimit rateLimit;

	LimitsScaffolding(SendRateLimit rateLimit) {
		this.rateLimit = rateLimit;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.rateLimit);
	}

	@Bean
	static SendRateLimit sendRateLimit(LimitProperties limits, SenderErrors errors) {
		return new SendRateLimit(limits, errors);
	}

}
