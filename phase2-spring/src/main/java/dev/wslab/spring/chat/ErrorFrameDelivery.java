package dev.wslab.spring.chat;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Makes sure a client gets its STOMP ERROR frame before the connection closes.
 *
 * <p>
 * After a refused frame, Spring's {@code StompSubProtocolHandler} sends ERROR and at once
 * closes with 1002. Every session is wrapped in a
 * {@code ConcurrentWebSocketSessionDecorator}: when another thread is still inside its
 * flush (say, just done writing CONNECTED), the ERROR only lands in the decorator's
 * buffer, the close marks the session as closing, and the flushing thread then drops the
 * buffered ERROR. The client sees a bare 1002 and never learns why. CI caught this once
 * in about a dozen runs, on a SUBSCRIBE refused right after CONNECTED.
 *
 * <p>
 * This post-processor swaps Spring's handler for one whose sessions, on a 1002 close,
 * first wait (briefly) until everything already sent has reached the socket. See
 * {@link DrainBeforeProtocolErrorClose}. Nothing else changes: same channels, same phase,
 * same limits (the endpoint registry sets those on whichever handler is the bean).
 */
@Component
final class ErrorFrameDelivery implements BeanPostProcessor, BeanFactoryAware {

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		if (bean.getClass() != SubProtocolWebSocketHandler.class) {
			return bean;
		}
		SubProtocolWebSocketHandler original = (SubProtocolWebSocketHandler) bean;
		DrainingHandler replacement = new DrainingHandler(
				this.beanFactory.getBean("clientInboundChannel", MessageChannel.class),
				this.beanFactory.getBean("clientOutboundChannel", SubscribableChannel.class));
		replacement.setPhase(original.getPhase());
		return replacement;
	}

	static final class DrainingHandler extends SubProtocolWebSocketHandler {

		DrainingHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel) {
			super(clientInboundChannel, clientOutboundChannel);
		}

		@Override
		protected WebSocketSession decorateSession(WebSocketSession session) {
			return DrainBeforeProtocolErrorClose.wrap(session, getSendTimeLimit(), getSendBufferSizeLimit());
		}

	}

}
