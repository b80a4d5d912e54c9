package dev.wslab.production.metrics;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Puts the chat's meters on its channels, first of all configurers so that the inbound
 * meters see a SEND before anything else does: {@link InboundMeters} on the way in (its
 * {@link ReceivedAt} stamp goes on through {@code CarriedHeaders}),
 * {@link OutboundMeters} on the way out; and {@link HandshakeRefusals} around every other
 * filter of {@code /ws/}. The meters are scaffolding, not an exercise: they count what
 * the learner's code does, and stay at zero where it is not written yet.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MetricsConfig implements WebSocketMessageBrokerConfigurer {

	private final MeterRegistry registry;

	private final Clock clock;

	MetricsConfig(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new InboundMeters(this.registry, this.clock));
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(new OutboundMeters(this.registry, this.clock));
	}

	@Bean
	static FilterRegistrationBean<HandshakeRefusals> handshakeRefusals(MeterRegistry registry) {
		FilterRegistrationBean<HandshakeRefusals> registration = new FilterRegistrationBean<>(
				new HandshakeRefusals(registry));
		registration.addUrlPatterns("/ws/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
