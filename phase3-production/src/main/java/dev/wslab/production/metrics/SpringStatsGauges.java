package dev.wslab.production.metrics;

import java.util.concurrent.Executor;
import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.WebSocketMessageBrokerStats;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Gauges read from what Spring already counts: the open WebSocket sessions by transport
 * ({@link ChatMeters#WEBSOCKET_SESSIONS}) and the relay's broker sessions
 * ({@link ChatMeters#RELAY_SESSIONS}), from {@link WebSocketMessageBrokerStats}' typed
 * getters; and the outbound backlog ({@link ChatMeters#OUTBOUND_BACKLOG}), the queue of
 * the client outbound channel's executor.
 *
 * <p>
 * The backlog is a lower bound. The chat keeps publish order per session, so Spring holds
 * a session's later messages in a queue of that session's own until the earlier one is
 * sent, and only one per session waits in the executor's queue; Spring has no getter for
 * the per-session queues. Boot's executor metrics ({@code executor_*}) cover the same
 * executor, with its active threads.
 */
@Component
class SpringStatsGauges {

	SpringStatsGauges(MeterRegistry registry, WebSocketMessageBrokerStats stats,
			@Qualifier("clientOutboundChannelExecutor") Executor outbound) {
		sessions(registry, stats, "websocket", SubProtocolWebSocketHandler.Stats::getWebSocketSessions);
		sessions(registry, stats, "http-streaming", SubProtocolWebSocketHandler.Stats::getHttpStreamingSessions);
		sessions(registry, stats, "http-polling", SubProtocolWebSocketHandler.Stats::getHttpPollingSessions);
		Gauge.builder(ChatMeters.RELAY_SESSIONS, stats, SpringStatsGauges::relaySessions)
			.description("STOMP sessions the broker relay holds with the broker, its system session included")
			.register(registry);
		Gauge.builder(ChatMeters.OUTBOUND_BACKLOG, outbound, SpringStatsGauges::queued)
			.description("Frames waiting for a thread of the client outbound channel (per-session queues not included)")
			.register(registry);
	}

	private static void sessions(MeterRegistry registry, WebSocketMessageBrokerStats stats, String transport,
			ToIntFunction<SubProtocolWebSocketHandler.Stats> count) {
		Gauge.builder(ChatMeters.WEBSOCKET_SESSIONS, stats, (all) -> {
			SubProtocolWebSocketHandler.Stats sessions = all.getWebSocketSessionStats();
			return (sessions != null) ? count.applyAsInt(sessions) : Double.NaN;
		})
			.description("Open WebSocket sessions (SockJS ones by their transport), from Spring's stats")
			.tag("transport", transport)
			.register(registry);
	}

	private static double relaySessions(WebSocketMessageBrokerStats stats) {
		StompBrokerRelayMessageHandler.Stats relay = stats.getStompBrokerRelayStats();
		return (relay != null) ? relay.getTotalHandlers() : Double.NaN;
	}

	private static double queued(Executor executor) {
		return (executor instanceof ThreadPoolTaskExecutor pool) ? pool.getQueueSize() : Double.NaN;
	}

}
