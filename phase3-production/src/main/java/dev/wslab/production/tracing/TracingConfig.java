package dev.wslab.production.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Traces each message exchange (README, Phase 3 "Tracing"): {@link SendTracing} on the
 * way in, {@link DeliveryTracing} on the way out, right after the meters and before the
 * learner's interceptors, whose log lines then carry the trace. Scaffolding, not an
 * exercise.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TracingConfig implements WebSocketMessageBrokerConfigurer {

	private final ObservationRegistry registry;

	private final Tracer tracer;

	private final Propagator propagator;

	private final String instance;

	TracingConfig(ObservationRegistry registry, Tracer tracer, Propagator propagator,
			@Value("${wslab.cluster.instance}") String instance) {
		this.registry = registry;
		this.tracer = tracer;
		this.propagator = propagator;
		this.instance = instance;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new SendTracing(this.registry, this.tracer, this.propagator, this.instance));
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(new DeliveryTracing(this.registry, this.tracer, this.propagator, this.instance));
	}

}
