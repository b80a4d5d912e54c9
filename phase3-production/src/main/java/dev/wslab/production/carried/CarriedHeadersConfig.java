package dev.wslab.production.carried;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/** Puts {@link CarriedHeaders} on the broker channel. */
@Configuration(proxyBeanMethods = false)
class CarriedHeadersConfig implements WebSocketMessageBrokerConfigurer {

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.configureBrokerChannel().interceptors(new CarriedHeaders());
	}

}
