package dev.wslab.production.metrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.IpAddressAuthorizationManager;

/**
 * The actuator's rule: {@code /actuator/**} answers peers on loopback only, where
 * Prometheus scrapes each instance directly; anyone else gets 403. Nginx is on loopback
 * too, so the public location must not pass {@code /actuator} on: exercise 3.4's
 * {@code cluster.conf} answers it 404 itself.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorAccess {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain actuatorOnLoopback(HttpSecurity http) throws Exception {
		return http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest()
				.access(AuthorizationManagers.anyOf(IpAddressAuthorizationManager.hasIpAddress("127.0.0.0/8"),
						IpAddressAuthorizationManager.hasIpAddress("::1"))))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

}
