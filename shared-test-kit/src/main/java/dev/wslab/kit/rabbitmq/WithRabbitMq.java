package dev.wslab.kit.rabbitmq;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class the shared RabbitMQ broker with the STOMP plugin.
 *
 * <p>
 * Declare a {@link RabbitMqBroker} parameter on a test or lifecycle method to receive it;
 * in a Spring test, call {@code RabbitMq.shared().registerProperties(registry)} from a
 * {@code @DynamicPropertySource} method. The broker starts before the first test of the
 * class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RabbitMqExtension.class)
public @interface WithRabbitMq {

}
