package dev.wslab.spring.bench;

import java.util.Map;

import dev.wslab.protocol.bench.BenchServer;
import dev.wslab.spring.raw.RawHandlersApp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * Spring's echo handlers as benchmark servers, started by Phase 1's {@code EchoBenchmark}
 * in a JVM of their own: {@code spring-tomcat} is exercise 2.1's echo handler in the raw
 * handlers app; {@code spring-webflux} is the shortest WebFlux echo.
 */
public final class SpringBenchServer {

	private SpringBenchServer() {
	}

	/**
	 * Entry point.
	 * @param args {@code spring-tomcat} or {@code spring-webflux}
	 * @throws Exception if the app cannot start
	 */
	public static void main(String[] args) throws Exception {
		SpringApplicationBuilder app = switch (args[0]) {
			case "spring-tomcat" -> new SpringApplicationBuilder(RawHandlersApp.class).web(WebApplicationType.SERVLET)
				// Tomcat's default of 8192 connections would stop the idle-memory run.
				.properties("server.tomcat.max-connections=20000", "server.tomcat.accept-count=1000");
			case "spring-webflux" -> new SpringApplicationBuilder(WebFluxEcho.class).web(WebApplicationType.REACTIVE);
			default -> throw new IllegalArgumentException("spring-tomcat or spring-webflux, not " + args[0]);
		};
		ConfigurableApplicationContext context = app
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"logging.level.root=WARN")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		BenchServer.serve(port, "/ws/echo", context::close);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
	static class WebFluxEcho {

		@Bean
		static HandlerMapping echo() {
			WebSocketHandler echo = (session) -> session
				.send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
			return new SimpleUrlHandlerMapping(Map.of("/ws/echo", echo), -1);
		}

	}

}
