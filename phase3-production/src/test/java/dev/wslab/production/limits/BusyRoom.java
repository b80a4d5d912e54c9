package dev.wslab.production.limits;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.rabbitmq.RabbitMqBroker;

import org.springframework.messaging.simp.stomp.StompHeaders;

/**
 * A room kept busy from the broker's side, as other instances' users would: messages of
 * about 2 KB, numbered from 1, published to its topic on RabbitMQ every {@link #EVERY}
 * (about 500 KB/s) on a thread of their own, and no more than {@link #MAX}: the feed
 * stops by itself, or sooner where {@link #finishAfter} says.
 */
final class BusyRoom implements AutoCloseable {

	/** How many messages the room gets in all. */
	static final int MAX = 6_000;

	/** How often the room gets a message. */
	static final Duration EVERY = Duration.ofMillis(4);

	private static final String USER = "wslab-busy-room";

	private static final String TEXT = "b".repeat(2000);

	private final StompTestSession broker;

	private final String destination;

	private final AtomicInteger published = new AtomicInteger();

	/** The number of the room's last message. */
	private volatile int last = MAX;

	/** When each message was published ({@link System#nanoTime()}), by number. */
	private final AtomicLongArray publishedAt = new AtomicLongArray(MAX + 1);

	private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();

	BusyRoom(RabbitMqBroker rabbit, String room) {
		String password = UUID.randomUUID().toString();
		rabbit.addUser(USER, password);
		StompHeaders login = new StompHeaders();
		login.setLogin(USER);
		login.setPasscode(password);
		login.setHost(rabbit.virtualHost());
		this.broker = StompTestClient.overTcp(rabbit.host(), rabbit.stompPort(), login, Duration.ofSeconds(10));
		this.destination = "/topic/room." + room;
	}

	void start() {
		this.publisher.scheduleAtFixedRate(this::publishNext, 0, EVERY.toNanos(), TimeUnit.NANOSECONDS);
	}

	private void publishNext() {
		int seq = this.published.get() + 1;
		if (seq > this.last) {
			this.publisher.shutdown();
			return;
		}
		StompHeaders headers = new StompHeaders();
		headers.setDestination(this.destination);
		this.publishedAt.set(seq, System.nanoTime());
		this.broker.send(headers, "{\"from\":\"crowd\",\"seq\":" + seq + ",\"text\":\"" + TEXT + "\"}");
		this.published.set(seq);
	}

	/**
	 * Ends the feed after a given number of messages more, unless {@link #MAX} comes
	 * first.
	 * @param more the messages still to publish
	 * @return the number of the room's last message
	 */
	int finishAfter(int more) {
		this.last = Math.min(MAX, this.published.get() + more);
		return this.last;
	}

	/** The number the room's last message has, or will have. */
	int last() {
		return this.last;
	}

	/** How many messages went out so far; the last one's number. */
	int published() {
		return this.published.get();
	}

	/** When message {@code seq} went out, in {@link System#nanoTime()}. */
	long publishedAt(int seq) {
		return this.publishedAt.get(seq);
	}

	@Override
	public void close() {
		this.publisher.shutdownNow();
		try {
			this.publisher.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.broker.close();
	}

}
