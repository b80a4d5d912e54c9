package dev.wslab.production.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.ObjectName;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * One server of the capacity benchmark, in a JVM of its own: {@code tomcat-stomp} is a
 * STOMP endpoint on Spring's simple broker, on Spring MVC and Tomcat;
 * {@code tomcat-relay} is the same endpoint on Spring's STOMP broker relay to the
 * RabbitMQ that the {@code --bench.relay-*} arguments name; {@code webflux} is a raw
 * WebFlux {@code WebSocketHandler} on Reactor Netty that reads and ignores. It prints
 * {@code READY <port> <path>} and then answers the benchmark's commands: {@code stats}
 * (heap used after full GCs, open sessions, subscribed sessions), {@code counts} (the
 * session counts without the GCs) and {@code histogram} (the heap's class histogram). It
 * opens no file to answer, so it still answers when it has run out of descriptors; the
 * benchmark reads its resident set from outside.
 */
public final class CapacityServer {

	private static final Set<String> SESSIONS = ConcurrentHashMap.newKeySet();

	private static final Set<String> SUBSCRIBED = ConcurrentHashMap.newKeySet();

	private static final CountDownLatch RELAY_UP = new CountDownLatch(1);

	// The module's chat uses Spring Security; these endpoints measure the WebSocket stack
	// alone.
	private static final String NO_SECURITY = Stream
		.of("SecurityAutoConfiguration", "UserDetailsServiceAutoConfiguration",
				"ReactiveUserDetailsServiceAutoConfiguration", "web.servlet.ServletWebSecurityAutoConfiguration",
				"web.servlet.SecurityFilterAutoConfiguration", "web.reactive.ReactiveWebSecurityAutoConfiguration",
				"actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration")
		.map((name) -> "org.springframework.boot.security.autoconfigure." + name)
		.collect(Collectors.joining(","));

	private CapacityServer() {
	}

	/**
	 * Entry point.
	 * @param args {@code tomcat-stomp} or {@code webflux}, then Spring arguments such as
	 * {@code --bench.text-buffer=65536}
	 */
	public static void main(String[] args) {
		SpringApplicationBuilder app = switch (args[0]) {
			case "tomcat-stomp",
					"tomcat-relay" ->
				new SpringApplicationBuilder(TomcatStomp.class).web(WebApplicationType.SERVLET)
					// Tomcat's default of 8192 connections would cap the ramp.
					.properties("server.tomcat.max-connections=20000", "server.tomcat.accept-count=1000");
			case "webflux" -> new SpringApplicationBuilder(WebFluxRaw.class).web(WebApplicationType.REACTIVE);
			default -> throw new IllegalArgumentException("tomcat-stomp, tomcat-relay or webflux, not " + args[0]);
		};
		ConfigurableApplicationContext context = app
			// Not the module's application.properties: that configures the cluster chat.
			.properties("spring.config.name=capacity-bench", "server.port=0", "server.address=127.0.0.1",
					"spring.main.banner-mode=off", "spring.autoconfigure.exclude=" + NO_SECURITY,
					"logging.level.root=WARN")
			.run(Arrays.copyOfRange(args, 1, args.length));
		if (args[0].equals("tomcat-relay")) {
			awaitRelay();
		}
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		System.out.println("READY " + port + " " + (args[0].equals("webflux") ? "/ws/idle" : "/stomp"));
		ChildJvm.serveCommands((command) -> switch (command[0]) {
			case "stats" -> "STATS " + heapAfterGc() + " " + SESSIONS.size() + " " + SUBSCRIBED.size();
			case "counts" -> "COUNTS " + SESSIONS.size() + " " + SUBSCRIBED.size();
			case "histogram" -> "HISTOGRAM " + histogram();
			default -> "UNKNOWN " + command[0];
		});
	}

	/**
	 * Waits, bounded, for the relay's system session: a client that connects before it
	 * would get an ERROR ("Broker not available").
	 */
	private static void awaitRelay() {
		try {
			if (!RELAY_UP.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the relay's system session did not connect within 60 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long heapAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	/**
	 * The class histogram that {@code jcmd <pid> GC.class_histogram} prints (after a full
	 * GC), on one line: {@code class:instances:bytes} entries separated by spaces.
	 */
	private static String histogram() throws Exception {
		String text = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { new String[0] }, new String[] { String[].class.getName() });
		return text.lines()
			.map(String::trim)
			.filter((line) -> line.matches("\\d+:.*"))
			.map((line) -> line.split("\\s+"))
			.map((cells) -> cells[3] + ":" + cells[1] + ":" + cells[2])
			.collect(Collectors.joining(" "));
	}

	/** A STOMP endpoint on the simple broker; the sets count what the clients did. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(
			excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
	@EnableWebSocketMessageBroker
	static class TomcatStomp implements WebSocketMessageBrokerConfigurer {

		private final Environment environment;

		TomcatStomp(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/stomp");
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.setApplicationDestinationPrefixes("/app");
			Integer relayPort = this.environment.getProperty("bench.relay-port", Integer.class);
			if (relayPort == null) {
				registry.enableSimpleBroker("/topic");
				return;
			}
			// One TCP connection to RabbitMQ per client session, plus the system session
			// (Spring's "STOMP Broker Relay" reference section).
			String login = this.environment.getRequiredProperty("bench.relay-login");
			String passcode = this.environment.getRequiredProperty("bench.relay-passcode");
			registry.enableStompBrokerRelay("/topic")
				.setRelayHost(this.environment.getRequiredProperty("bench.relay-host"))
				.setRelayPort(relayPort)
				.setVirtualHost(this.environment.getRequiredProperty("bench.relay-vhost"))
				.setClientLogin(login)
				.setClientPasscode(passcode)
				.setSystemLogin(login)
				.setSystemPasscode(passcode);
		}

		@EventListener
		void relayAvailability(BrokerAvailabilityEvent event) {
			if (event.isBrokerAvailable()) {
				RELAY_UP.countDown();
			}
		}

		/**
		 * Tomcat's buffers for one incoming message, when a variant sets them (exercise
		 * 3.7's {@code TransportLimits} sets both to the chat's message size); otherwise
		 * Tomcat's 8 KB, which Spring's STOMP handler raises to 16 K characters for text.
		 */
		@Bean
		@ConditionalOnProperty("bench.text-buffer")
		static ServletServerContainerFactoryBean messageBuffers(Environment environment) {
			ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
			container.setMaxTextMessageBufferSize(environment.getRequiredProperty("bench.text-buffer", Integer.class));
			container
				.setMaxBinaryMessageBufferSize(environment.getRequiredProperty("bench.binary-buffer", Integer.class));
			return container;
		}

		/**
		 * The connector's read and write buffer per socket (Tomcat's 8 KB by default).
		 */
		@Bean
		@ConditionalOnProperty("bench.socket-buffer")
		static WebServerFactoryCustomizer<TomcatServletWebServerFactory> socketBuffers(Environment environment) {
			String size = environment.getRequiredProperty("bench.socket-buffer");
			return (factory) -> factory.addConnectorCustomizers((connector) -> {
				connector.setProperty("socket.appReadBufSize", size);
				connector.setProperty("socket.appWriteBufSize", size);
			});
		}

		@EventListener
		void connected(SessionConnectedEvent event) {
			SESSIONS.add(sessionId(event.getMessage().getHeaders()));
		}

		@EventListener
		void subscribedTo(SessionSubscribeEvent event) {
			SUBSCRIBED.add(sessionId(event.getMessage().getHeaders()));
		}

		@EventListener
		void disconnected(SessionDisconnectEvent event) {
			SESSIONS.remove(event.getSessionId());
			SUBSCRIBED.remove(event.getSessionId());
		}

		private static String sessionId(Map<String, Object> headers) {
			return String.valueOf(headers.get("simpSessionId"));
		}

	}

	/** A raw WebFlux handler that holds the connection open and ignores what it reads. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebFluxRaw {

		@Bean
		static HandlerMapping idle() {
			WebSocketHandler idle = (session) -> {
				SESSIONS.add(session.getId());
				return session.receive().then().doFinally((signal) -> SESSIONS.remove(session.getId()));
			};
			return new SimpleUrlHandlerMapping(Map.of("/ws/idle", idle), -1);
		}

	}

}
