package dev.wslab.production.load;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wslab.production.cluster.ClusterClients;

import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A fan-out load scenario on Spring's STOMP client, against the running chat on loopback:
 * {@code subscribers} sessions of bob, spread over the instances, subscribe to one room;
 * alice sends {@code messages} room messages in one burst, each carrying the moment it
 * was sent; every subscriber's MESSAGE is timed on arrival. A request is one delivery
 * expected (a message to a subscriber): it succeeded when it came, with its latency, and
 * failed when it had not come once nothing more has arrived for {@link #QUIET}. The run
 * stops by itself, and {@link #check} fails it when it crosses exercise 3.16's
 * thresholds.
 *
 * <p>
 * A burst larger than the chat's rate limit per user (exercise 3.5: 20 at once, then 10 a
 * second) has some of its SENDs refused, so the run has failures of its own to count.
 */
final class FanOutLoad {

	/** How long a run waits, with nothing arriving, before it counts what is missing. */
	static final Duration QUIET = Duration.ofSeconds(2);

	private static final Pattern SENT_AT = Pattern.compile("\"text\":\"sent-at (\\d+)\"");

	private FanOutLoad() {
	}

	/**
	 * Runs the scenario once.
	 * @param ports the instances' ports on 127.0.0.1; subscribers go round them, alice
	 * sends on the first
	 * @param room the room
	 * @param subscribers how many subscriber sessions
	 * @param messages how many room messages alice sends
	 * @return what the run measured
	 * @throws Exception if a session cannot connect or subscribe
	 */
	static LoadRun run(List<Integer> ports, String room, int subscribers, int messages) throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		// Bytes as they are, whatever their content-type: the scenario reads the JSON
		// itself.
		client.setMessageConverter(new SimpleMessageConverter());
		client.setDefaultHeartbeat(new long[] { 0, 0 });
		SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
		client.setTaskScheduler(scheduler);
		BlockingQueue<Long> latencies = new LinkedBlockingQueue<>();
		List<StompSession> sessions = new ArrayList<>();
		try {
			String topic = "/topic/room." + room;
			for (int i = 0; i < subscribers; i++) {
				int port = ports.get(i % ports.size());
				StompSession bob = connect(client, port, "bob");
				sessions.add(bob);
				subscribe(bob, topic, latencies);
			}
			StompSession alice = connect(client, ports.get(0), "alice");
			sessions.add(alice);
			StompHeaders send = new StompHeaders();
			send.setDestination("/app/room." + room + ".send");
			send.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
			for (int i = 0; i < messages; i++) {
				alice.send(send, ("{\"text\":\"sent-at " + System.nanoTime() + "\"}").getBytes(StandardCharsets.UTF_8));
			}
			List<Duration> measured = new ArrayList<>();
			int expected = subscribers * messages;
			while (measured.size() < expected) {
				Long latency = latencies.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS);
				if (latency == null) {
					break;
				}
				measured.add(Duration.ofNanos(latency));
			}
			return new LoadRun(measured, expected, expected - measured.size());
		}
		finally {
			sessions.forEach(FanOutLoad::disconnect);
			client.stop();
			scheduler.close();
		}
	}

	/**
	 * Fails a run that crossed its thresholds, naming what it crossed.
	 * @param run the run
	 * @param thresholds the limits
	 * @return the verdict, when the run passed
	 * @throws ThresholdsCrossed when it did not
	 */
	static Verdict check(LoadRun run, LoadThresholds thresholds) {
		Verdict verdict = thresholds.judge(run);
		if (!verdict.passed()) {
			throw new ThresholdsCrossed(verdict);
		}
		return verdict;
	}

	private static StompSession connect(WebSocketStompClient client, int port, String user) throws Exception {
		String token = ClusterClients.token("http://127.0.0.1:" + port, user);
		return client.connectAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), new WebSocketHttpHeaders(),
				ClusterClients.bearer(token), new StompSessionHandlerAdapter() {
				})
			.get(ClusterClients.WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	private static void subscribe(StompSession session, String topic, BlockingQueue<Long> latencies) throws Exception {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(topic);
		headers.setReceipt("load-" + System.nanoTime());
		CompletableFuture<Void> receipt = new CompletableFuture<>();
		StompSession.Subscription subscription = session.subscribe(headers, new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders frameHeaders) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders frameHeaders, Object payload) {
				long now = System.nanoTime();
				Matcher sentAt = SENT_AT.matcher(new String((byte[]) payload, StandardCharsets.UTF_8));
				// Only this run's messages, not the room's history.
				if (!"true".equals(frameHeaders.getFirst("history")) && sentAt.find()) {
					latencies.add(now - Long.parseLong(sentAt.group(1)));
				}
			}
		});
		subscription.addReceiptTask(() -> receipt.complete(null));
		receipt.get(ClusterClients.WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	private static void disconnect(StompSession session) {
		if (session.isConnected()) {
			session.disconnect();
		}
	}

	/** A run that crossed a threshold of exercise 3.16. */
	static final class ThresholdsCrossed extends AssertionError {

		private final Verdict verdict;

		ThresholdsCrossed(Verdict verdict) {
			super("The load run crossed " + verdict.crossed() + ": p99 " + verdict.p99() + ", failed share "
					+ verdict.failedShare());
			this.verdict = verdict;
		}

		Verdict verdict() {
			return this.verdict;
		}

	}

}
