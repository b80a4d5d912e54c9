package dev.wslab.spring.chat;

import java.time.Clock;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Phase 2's milestone and the workspace's flagship app: a STOMP chat on Spring's simple
 * broker, with JWT sign-in, rooms, private messages, presence and a browser page at
 * {@code http://localhost:8080/}. The public contract is in the README.
 */
@SpringBootApplication
public class ChatApp {

	/**
	 * Runs the chat; {@code --port=N} is short for {@code --server.port=N}.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(ChatApp.class, portShorthand(args));
	}

	@Bean
	static Clock chatClock() {
		return Clock.systemUTC();
	}

	/**
	 * Rewrites {@code --port=N} as {@code --server.port=N}.
	 * @param args command-line arguments
	 * @return the arguments for Spring Boot
	 */
	public static String[] portShorthand(String[] args) {
		return Arrays.stream(args)
			.map((arg) -> arg.startsWith("--port=") ? "--server.port=" + arg.substring(7) : arg)
			.toArray(String[]::new);
	}

}
