package dev.wslab.spring.raw;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Maps the raw handlers. Browsers may connect only from the origins listed in
 * {@code wslab.raw.allowed-origins}: an explicit allowlist, never {@code *}, because a
 * browser sends its cookies with any page's WebSocket (cross-site WebSocket hijacking).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RawHandlersConfig implements WebSocketConfigurer {

	private final EchoHandler echo;

	private final ProgressHandler progress;

	private final List<String> allowedOrigins;

	RawHandlersConfig(EchoHandler echo, ProgressHandler progress,
			@Value("${wslab.raw.allowed-origins}") List<String> allowedOrigins) {
		this.echo = echo;
		this.progress = progress;
		this.allowedOrigins = allowedOrigins;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		String[] origins = this.allowedOrigins.toArray(String[]::new);
		registry.addHandler(this.echo, "/ws/echo").setAllowedOrigins(origins);
		registry.addHandler(this.progress, "/ws/progress").setAllowedOrigins(origins);
	}

	@Bean
	static EchoHandler echoHandler(@Value("${wslab.raw.send-time-limit:5s}") Duration sendTimeLimit,
			@Value("${wslab.raw.send-buffer-limit:512KB}") DataSize sendBufferLimit) {
		// A send stuck for longer than the time limit, or more bytes than the buffer
		// limit waiting behind it, ends the session.
		return new EchoHandler(sendTimeLimit, (int) sendBufferLimit.toBytes());
	}

	@Bean
	static ProgressHandler progressHandler(TaskScheduler progressScheduler,
			@Value("${wslab.raw.progress-delay:1s}") Duration delay) {
		return new ProgressHandler(progressScheduler, delay);
	}

	@Bean
	static ThreadPoolTaskScheduler progressScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("progress-");
		return scheduler;
	}

}
