package dev.wslab.production.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ExecutorChannelInterceptor;

/**
 * On the client outbound channel, once a MESSAGE has been handed to its session (written
 * to the socket, or buffered by Spring when the socket is busy): counts it by the kind of
 * its destination ({@link ChatMeters#MESSAGES_OUT}), counts an error by its code
 * ({@link ChatMeters#ERRORS}), and times a room message from its SEND's arrival
 * ({@link ChatMeters#DELIVERY_LATENCY}, with the stamp {@link ReceivedAt} carried).
 */
final class OutboundMeters implements ExecutorChannelInterceptor {

	/** Error codes are the chat's own words, such as {@code rate-limited}. */
	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

	/** The codes whose series exist from the start, at zero, for the dashboard. */
	private static final String[] CHARTED_CODES = { "rate-limited" };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<DestinationKind, Counter> delivered = new EnumMap<>(DestinationKind.class);

	private final Map<String, Counter> errors = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	private final Timer latency;

	private final Clock clock;

	OutboundMeters(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		for (DestinationKind kind : DestinationKind.values()) {
			this.delivered.put(kind,
					Counter.builder(ChatMeters.MESSAGES_OUT)
						.description("MESSAGE frames handed to client sessions, by the kind of their destination")
						.tag("kind", kind.tag())
						.register(registry));
		}
		for (String code : CHARTED_CODES) {
			errorCounter(code);
		}
		// Buckets let Prometheus compute percentiles across instances
		// (histogram_quantile);
		// the two percentiles are this instance's own, over the last minute or two.
		this.latency = Timer.builder(ChatMeters.DELIVERY_LATENCY)
			.description("From a room SEND's arrival on its instance to the MESSAGE handed to a subscriber's session")
			.publishPercentiles(0.5, 0.99)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		if (ex != null || SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE) {
			return;
		}
		long handed = ReceivedAt.micros(this.clock.instant());
		DestinationKind kind = DestinationKind.delivered(message);
		this.delivered.get(kind).increment();
		if (kind == DestinationKind.ERRORS) {
			errorCounter(code(message.getPayload())).increment();
		}
		Long received = ReceivedAt.of(message);
		if (received != null && handed >= received) {
			this.latency.record(Duration.ofNanos((handed - received) * 1_000));
		}
	}

	private static String code(Object payload) {
		if (!(payload instanceof byte[] json)) {
			return "other";
		}
		try {
			String code = JSON.readTree(json).path("code").asString("");
			return CODE.matcher(code).matches() ? code : "other";
		}
		catch (JacksonException ex) {
			return "other";
		}
	}

	private Counter errorCounter(String code) {
		return this.errors.computeIfAbsent(code,
				(name) -> Counter.builder(ChatMeters.ERRORS)
					.description("Errors told to a client on /user/queue/errors, by code")
					.tag("code", name)
					.register(this.registry));
	}

}
