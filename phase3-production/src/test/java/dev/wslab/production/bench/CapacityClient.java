package dev.wslab.production.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * The load side of the capacity benchmark, in a JVM of its own so that its descriptors do
 * not count against the server's: it opens idle connections with Spring's clients
 * (Tomcat's JSR-356 client under {@link StandardWebSocketClient}, and
 * {@link WebSocketStompClient} on top for STOMP) and keeps them silent. Modes:
 * {@code stomp} (handshake, CONNECT, one SUBSCRIBE), {@code stomp-deflate} (the same,
 * offering permessage-deflate, RFC 7692), {@code websocket} (the handshake only) and
 * {@code fanout} (CONNECT, and a SUBSCRIBE to the fan-out room whose deliveries are
 * timed). Commands: {@code open <total>} answers {@code OPENED <held> <deflate> <failed>}
 * and the first failure, if any (it stops opening at the first failure); {@code close}
 * closes them all and answers {@code CLOSED}; {@code publish <first> <count> <micros>}
 * sends {@code count} numbered messages to the fan-out room from the first connection,
 * one every {@code micros}, and answers {@code PUBLISHED <sent> <failed>};
 * {@code latency} answers {@code LATENCY <delivered> <duplicated> <histogram>} (the
 * delivery latencies in microseconds since the last {@code reset}, an HdrHistogram in
 * Base64).
 */
public final class CapacityClient {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

	private final String mode;

	private final URI uri;

	private final NegotiationRecorder recorder;

	private final WebSocketStompClient stomp;

	private final List<AutoCloseable> held = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicReference<String> firstFailure = new AtomicReference<>();

	private final AtomicReference<StompSession> first = new AtomicReference<>();

	private final FanOutRecorder fanOut = new FanOutRecorder();

	private CapacityClient(String mode, URI uri) {
		this.mode = mode;
		this.uri = uri;
		StandardWebSocketClient webSocket = new StandardWebSocketClient();
		SimpleAsyncTaskExecutor handshakes = new SimpleAsyncTaskExecutor("handshake-");
		handshakes.setVirtualThreads(true);
		webSocket.setTaskExecutor(handshakes);
		this.recorder = new NegotiationRecorder(webSocket);
		this.stomp = new WebSocketStompClient(this.recorder);
		// Idle means silent: no heart-beats either way (STOMP 1.2 "Heart-beating").
		this.stomp.setDefaultHeartbeat(new long[] { 0, 0 });
	}

	/**
	 * Entry point.
	 * @param args the mode and the server's URL
	 */
	public static void main(String[] args) {
		CapacityClient client = new CapacityClient(args[0], URI.create(args[1]));
		ChildJvm.serveCommands((command) -> switch (command[0]) {
			case "open" -> client.openUpTo(Integer.parseInt(command[1]));
			case "close" -> client.closeAll();
			case "publish" ->
				client.publish(Long.parseLong(command[1]), Integer.parseInt(command[2]), Long.parseLong(command[3]));
			case "reset" -> client.fanOut.reset();
			case "latency" -> client.fanOut.report();
			default -> "UNKNOWN " + command[0];
		});
	}

	private String openUpTo(int total) throws InterruptedException {
		Semaphore inFlight = new Semaphore(64);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = this.held.size(); i < total; i++) {
				inFlight.acquire();
				if (this.failed.get() > 0) {
					// A ramp stops at its first error: do not queue thousands of
					// timeouts.
					inFlight.release();
					break;
				}
				threads.submit(() -> {
					try {
						this.held.add(open());
					}
					catch (Exception ex) {
						this.failed.incrementAndGet();
						this.firstFailure.compareAndSet(null, String.valueOf(ex));
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		return "OPENED " + this.held.size() + " " + this.recorder.deflateNegotiated() + " " + this.failed.get()
				+ ((this.firstFailure.get() != null) ? " " + this.firstFailure.get().replace('\n', ' ') : "");
	}

	private AutoCloseable open() throws Exception {
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		if (this.mode.equals("stomp-deflate")) {
			headers.setSecWebSocketExtensions(List.of(new WebSocketExtension("permessage-deflate")));
		}
		if (this.mode.equals("websocket")) {
			WebSocketSession session = this.recorder.execute(new AbstractWebSocketHandler() {
			}, headers, this.uri).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return session::close;
		}
		StompSession session = this.stomp.connectAsync(this.uri.toString(), headers, new StompSessionHandlerAdapter() {
		}).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		this.first.compareAndSet(null, session);
		if (this.mode.equals("fanout")) {
			session.subscribe(FanOutRecorder.ROOM, this.fanOut.subscriber());
		}
		else {
			session.subscribe("/topic/idle", new StompSessionHandlerAdapter() {
			});
		}
		return session::disconnect;
	}

	/**
	 * Sends numbered messages at a fixed rate, each carrying its send time, from a
	 * scheduler rather than a sleeping loop.
	 */
	private String publish(long firstNumber, int count, long periodMicros) throws InterruptedException {
		StompSession session = this.first.get();
		if (session == null) {
			return "PUBLISHED 0 " + count;
		}
		AtomicLong next = new AtomicLong(firstNumber);
		AtomicInteger failures = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(count);
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		try {
			timer.scheduleAtFixedRate(() -> {
				long number = next.getAndIncrement();
				if (number >= firstNumber + count) {
					return;
				}
				try {
					session.send(FanOutRecorder.ROOM, FanOutRecorder.body(number));
				}
				catch (RuntimeException ex) {
					failures.incrementAndGet();
				}
				done.countDown();
			}, 0, periodMicros, TimeUnit.MICROSECONDS);
			done.await(TimeUnit.MICROSECONDS.toSeconds(periodMicros * count) + 60, TimeUnit.SECONDS);
		}
		finally {
			timer.shutdownNow();
		}
		return "PUBLISHED " + (count - done.getCount()) + " " + failures.get();
	}

	private String closeAll() {
		synchronized (this.held) {
			for (AutoCloseable connection : this.held) {
				try {
					connection.close();
				}
				catch (Exception ex) {
					// Closing is best effort between steps; the server's count shows the
					// rest.
				}
			}
			this.held.clear();
		}
		this.recorder.reset();
		return "CLOSED";
	}

}
