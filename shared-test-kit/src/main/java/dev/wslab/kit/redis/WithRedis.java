package dev.wslab.kit.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class the shared Redis.
 *
 * <p>
 * Declare a {@link RedisServer} parameter on a test or lifecycle method to receive it; in
 * a Spring test, call {@code Redis.shared().registerProperties(registry)} from a
 * {@code @DynamicPropertySource} method. The server starts before the first test of the
 * class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RedisExtension.class)
public @interface WithRedis {

}
