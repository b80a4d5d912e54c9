package dev.wslab.production.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * What the hardening exercises build on: the limits' settings; exercise 3.6's
 * {@link ConnectionCap} in front of the handshakes ({@link HandshakeCap}), with the count
 * of open sockets by client address ({@link OpenSockets}); and exercise 3.5's
 * {@link SendRateLimit} on the client inbound channel, after the CONNECT authentication
 * of Phase 2 (whose configurer comes first), so that every SEND it sees has a user; and
 * exercise 3.7's {@link TransportLimits} on Spring's STOMP transport and on Tomcat's
 * WebSocket container ({@link TransportGuard}).
 *
 * <p>
 * An exception from {@link SendRateLimit} still refuses the frame (the client gets an
 * ERROR), but it is logged here first: Spring itself logs a failed inbound frame only at
 * debug level, and the grader shows the server's side from the log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitProperties.class)
class LimitsScaffolding implements WebSocketMessageBrokerConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(LimitsScaffolding.class);

	private final SendRateLimit rateLimit;

	private final OpenSockets openSockets;

	private final TransportGuard transport;

	LimitsScaffolding(SendRateLimit rateLimit, OpenSockets openSockets, TransportGuard transport) {
		this.rateLimit = rateLimit;
		this.openSockets = openSockets;
		this.transport = transport;
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.openSockets);
		registration.addDecoratorFactory(this.transport);
		this.transport.apply(registration);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				try {
					return LimitsScaffolding.this.rateLimit.preSend(message, channel);
				}
				catch (RuntimeException ex) {
					logger.error("The rate limit failed on an inbound frame", ex);
					throw ex;
				}
			}
		});
	}

	@Bean
	static ConnectionCap connectionCap(LimitProperties limits) {
		return new ConnectionCap(limits);
	}

	@Bean
	static OpenSockets openSockets(ConnectionCap cap) {
		return new OpenSockets((peer, forwardedFor) -> HandshakeCap.clientAddress(cap, peer, forwardedFor));
	}

	@Bean
	static FilterRegistrationBean<HandshakeCap> handshakeCap(ConnectionCap cap, OpenSockets openSockets) {
		FilterRegistrationBean<HandshakeCap> registration = new FilterRegistrationBean<>(
				new HandshakeCap(cap, openSockets));
		registration.addUrlPatterns("/ws/*");
		return registration;
	}

	@Bean
	static TransportGuard transportGuard(LimitProperties limits) {
		return new TransportGuard(new TransportLimits(limits));
	}

	/**
	 * The servlet container's WebSocket settings, which Spring's STOMP limits cannot
	 * reach.
	 */
	@Bean
	static ServletServerContainerFactoryBean webSocketContainer(TransportGuard transport) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		transport.apply(container);
		return container;
	}

	@Bean
	static SendRateLimit sendRateLimit(LimitProperties limits, SenderErrors errors) {
		return new SendRateLimit(limits, errors);
	}

}
