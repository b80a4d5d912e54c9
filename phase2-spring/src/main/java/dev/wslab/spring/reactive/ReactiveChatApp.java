package dev.wslab.spring.reactive;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The reactive chat: Spring WebFlux on Reactor Netty, one room, at
 * {@code ws://localhost:8090/ws/reactive-chat?name=you}, with a page at
 * {@code http://localhost:8090/}. It shows the two things WebFlux leaves to you: a policy
 * for slow clients, and closing sessions on shutdown.
 */
@SpringBootApplication(
		excludeName = { "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
public class ReactiveChatApp {

	/**
	 * Runs the app; {@code --port=N} is short for {@code --server.port=N}.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		application().run(dev.wslab.spring.chat.ChatApp.portShorthand(args));
	}

	static SpringApplication application() {
		SpringApplication app = new SpringApplication(ReactiveChatApp.class);
		app.setWebApplicationType(WebApplicationType.REACTIVE);
		app.setDefaultProperties(Map.of("server.port", "8090"));
		return app;
	}

	@Bean
	static GoingAway goingAway() {
		return new GoingAway(Duration.ofSeconds(5));
	}

	@Bean
	static ReactiveChatHandler reactiveChatHandler(GoingAway goingAway, JsonMapper json, HangUp hangUp,
			@Value("${wslab.reactive.client-buffer:256}") int clientBuffer) {
		return new ReactiveChatHandler(clientBuffer, Clock.systemUTC(), goingAway, json, hangUp);
	}

	@Bean
	static HangUp hangUp(@Value("${wslab.reactive.close-grace:5s}") Duration grace, ChannelGroup openConnections) {
		return new HangUp(grace, openConnections);
	}

	/**
	 * Every open connection of the server, so a session's Netty channel can be found by
	 * its id. A channel group forgets closed channels by itself.
	 * @return the group
	 */
	@Bean
	static ChannelGroup openConnections() {
		return new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
	}

	@Bean
	static NettyServerCustomizer trackConnections(ChannelGroup openConnections) {
		return (server) -> server.doOnConnection((connection) -> openConnections.add(connection.channel()));
	}

	@Bean
	static HandlerMapping reactiveChatMapping(ReactiveChatHandler handler,
			@Value("${wslab.reactive.allowed-origins}") List<String> origins) {
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/ws/reactive-chat", handler), -1);
		// WebFlux checks a WebSocket handshake's Origin through CORS: only these pages
		// may
		// open it from a browser.
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(origins);
		mapping.setCorsConfigurations(Map.of("/ws/reactive-chat", cors));
		return mapping;
	}

	@Bean
	static RouterFunction<ServerResponse> reactivePage() {
		return route()
			.GET("/",
					(request) -> ServerResponse.temporaryRedirect(java.net.URI.create("/reactive/index.html")).build())
			.build();
	}

}
