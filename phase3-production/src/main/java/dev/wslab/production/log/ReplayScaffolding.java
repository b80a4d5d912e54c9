package dev.wslab.production.log;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Puts {@link ReplayOnSubscribe} on both client channels: a resuming SUBSCRIBE gets a
 * receipt of the chat's own on the way in, and its replay starts when the broker's
 * RECEIPT comes out. After the message rules (Spring Security's configurer comes first),
 * so a refused SUBSCRIBE waits for nothing.
 */
@Configuration(proxyBeanMethods = false)
class ReplayScaffolding implements WebSocketMessageBrokerConfigurer {

	// Looked up on first use: ReplayOnSubscribe needs the client outbound channel, which
	// the configurers help build.
	private final ObjectProvider<ReplayOnSubscribe> replay;

	ReplayScaffolding(ObjectProvider<ReplayOnSubscribe> replay) {
		this.replay = replay;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				return ReplayScaffolding.this.replay.getObject().awaitBroker(message);
			}
		});
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(new ChannelInterceptor() {
			@Override
			public Message<?> preSend(Message<?> message, MessageChannel channel) {
				return ReplayScaffolding.this.replay.getObject().brokerReceipt(message);
			}
		});
	}

}
