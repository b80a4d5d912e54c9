package dev.wslab.production.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see the dashboard: anyone who can reach the chat. It shows counts only (no
 * user, room or message), and instance names, which {@code /api/instance} shows anyway;
 * and a browser's {@code EventSource} cannot send the chat's bearer token. An operator
 * who wants it private keeps it off the public proxy as {@code /actuator} is.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 2)
	SecurityFilterChain dashboardPages(HttpSecurity http) throws Exception {
		return http.securityMatcher("/dashboard.html", "/dashboard.js", "/api/dashboard/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.build();
	}

}
