package dev.wslab.spring.raw;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Phase 2's first milestone: Spring's raw {@code WebSocketHandler} API, with no STOMP.
 * The echo handler answers at {@code ws://localhost:8080/ws/echo} and the progress
 * handler at {@code ws://localhost:8080/ws/progress}.
 */
// The module also holds the chat, which uses Spring Security; these raw handlers do not.
@SpringBootApplication(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
public class RawHandlersApp {

	/**
	 * Runs the app; {@code --port=N} is short for {@code --server.port=N}.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		String[] springArgs = Arrays.stream(args)
			.map((arg) -> arg.startsWith("--port=") ? "--server.port=" + arg.substring(7) : arg)
			.toArray(String[]::new);
		SpringApplication.run(RawHandlersApp.class, springArgs);
	}

}
