package dev.wslab.production.cluster;

import java.time.Clock;

import dev.wslab.spring.chat.ChatApp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Phase 3's milestone: the Phase 2 chat as one instance of a cluster. RabbitMQ carries
 * the messages between instances (through Spring's STOMP broker relay) and Redis keeps
 * what must outlive an instance: room logs, private inboxes and presence.
 *
 * <p>
 * It runs the learner's Phase 2 chat, minus the parts that kept state in one JVM: the
 * simple-broker configuration (2.3), the in-memory room history and its controller (2.4),
 * the registry-based private messages (2.5) and the in-memory presence (2.10). Phase 3
 * replaces each with a cluster-wide version. Sign-in, CONNECT authentication, the message
 * rules and the error queue (2.6 to 2.9) are the learner's own, unchanged.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "dev.wslab.production",
		// The benchmarks' own servers (CapacityServer) are on the test class path here.
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "dev\\.wslab\\.production\\.bench\\..*"))
@ComponentScan(basePackageClasses = ChatApp.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = { "dev\\.wslab\\.spring\\.chat\\.ChatApp", "dev\\.wslab\\.spring\\.chat\\.StompConfig",
						"dev\\.wslab\\.spring\\.chat\\.room\\..*", "dev\\.wslab\\.spring\\.chat\\.direct\\..*",
						"dev\\.wslab\\.spring\\.chat\\.presence\\..*",
						// Phase 2's graders are on the test class path here
						// (Phase2ContractTests);
						// their own configurations are not part of the chat.
						"dev\\.wslab\\.spring\\..*Tests(\\$.*)?" }))
public class ClusterChatApp {

	/**
	 * Runs one instance; {@code --port=N} is short for {@code --server.port=N}.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(ClusterChatApp.class, ChatApp.portShorthand(args));
	}

	@Bean
	static Clock chatClock() {
		return Clock.systemUTC();
	}

}
