package dev.wslab.production.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;

/**
 * Gives the relay of exercise 3.1 every node of a RabbitMQ cluster when
 * {@code wslab.relay.addresses} lists them: its TCP client then asks
 * {@link BrokerAddresses} (exercise 3.12) for an address at each connect. The relay is
 * left as 3.1 made it otherwise, and alone when the list is unset.
 *
 * <p>
 * The client is Spring's {@link ReactorNettyTcpClient} built with a
 * {@code Function<TcpClient, TcpClient>}: Spring still owns its event loop and connection
 * pool and releases them when the relay stops, and Reactor Netty's
 * {@code remoteAddress(Supplier)} asks the supplier once per connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RelayAddressProperties.class)
class RelayFailover {

	private static final Logger logger = LoggerFactory.getLogger(RelayFailover.class);

	@Bean
	static BeanPostProcessor relayAddressList(Environment environment) {
		String list = Binder.get(environment).bind("wslab.relay.addresses", String.class).orElse(null);
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				// Before the relay starts (a SmartLifecycle), so its first connection
				// already goes through the list.
				if (list != null && !list.isBlank() && bean instanceof StompBrokerRelayMessageHandler relay) {
					BrokerAddresses addresses = new BrokerAddresses(list);
					relay.setTcpClient(new ReactorNettyTcpClient<>((client) -> client.remoteAddress(addresses),
							new StompReactorNettyCodec()));
					logger.info("STOMP broker relay over {} addresses, in turn: {}", addresses.addresses().size(),
							addresses.addresses());
				}
				return bean;
			}
		};
	}

}
