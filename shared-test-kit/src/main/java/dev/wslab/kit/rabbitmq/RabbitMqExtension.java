package dev.wslab.kit.rabbitmq;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the shared broker before a class's tests and resolves {@link RabbitMqBroker}
 * parameters.
 */
final class RabbitMqExtension implements BeforeAllCallback, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) {
		RabbitMqBroker broker = RabbitMq.shared();
		context.publishReportEntry("rabbitmq", broker.description());
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == RabbitMqBroker.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return RabbitMq.shared();
	}

}
