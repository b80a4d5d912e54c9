package dev.wslab.production.cluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Opens what the cluster adds to Phase 2's pages, ahead of Phase 2's own rules: which
 * instance answered, the page script that shows it, and the page's reconnection (exercise
 * 3.17). Nothing here needs a sign-in.
 */
@Configuration(proxyBeanMethods = false)
class ClusterHttpSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain clusterPages(HttpSecurity http) throws Exception {
		return http.securityMatcher("/api/instance", "/cluster.js", "/reconnect.js")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.build();
	}

}
