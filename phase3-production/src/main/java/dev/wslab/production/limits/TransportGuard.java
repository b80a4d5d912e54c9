package dev.wslab.production.limits;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Applies exercise 3.7's {@link TransportLimits} at start-up. A failure is logged, and
 * the instance starts with Spring's and Tomcat's defaults: a starter not yet written must
 * not stop every other exercise's cluster. Since the failure happens once, long before
 * any grader looks, it is logged again each time a socket opens with the defaults.
 */
final class TransportGuard implements WebSocketHandlerDecoratorFactory {

	private static final Logger logger = LoggerFactory.getLogger(TransportGuard.class);

	private final TransportLimits limits;

	private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

	TransportGuard(TransportLimits limits) {
		this.limits = limits;
	}

	void apply(WebSocketTransportRegistration registration) {
		try {
			this.limits.configure(registration);
		}
		catch (RuntimeException ex) {
			failed("Spring's STOMP transport", ex);
		}
	}

	void apply(ServletServerContainerFactoryBean container) {
		try {
			this.limits.configure(container);
		}
		catch (RuntimeException ex) {
			failed("Tomcat's WebSocket container", ex);
		}
	}

	private void failed(String what, RuntimeException ex) {
		logger.error("The transport limits failed: {} keeps its defaults", what, ex);
		this.failures.add(ex);
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {
			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				for (RuntimeException failure : TransportGuard.this.failures) {
					logger.error("Socket {} opened with default transport limits", session.getId(), failure);
				}
				super.afterConnectionEstablished(session);
			}
		};
	}

}
