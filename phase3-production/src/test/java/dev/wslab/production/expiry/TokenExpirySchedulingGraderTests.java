package dev.wslab.production.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 3.8's bookkeeping, on a {@link TokenExpiry} of its own: Spring's
 * scheduler, whose scheduled ends it records, and a channel that keeps what would go to
 * the clients. A session that ends first leaves nothing scheduled (with hour-long tokens,
 * every closed session would otherwise hold a task for up to an hour, and then send an
 * ERROR to nobody); a session that connects again is ended once; and the ERROR frame
 * names the reason and the session. {@link TokenExpiryGraderTests} checks the same over a
 * real connection.
 */
@Grades("3.8")
class TokenExpirySchedulingGraderTests {

	private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();

	private final BlockingQueue<Message<?>> toClients = new LinkedBlockingQueue<>();

	private ThreadPoolTaskScheduler scheduler;

	private TokenExpiry expiry;

	@BeforeEach
	void newTokenExpiry() {
		this.scheduler = new ThreadPoolTaskScheduler() {
			@Override
			public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
				ScheduledFuture<?> future = super.schedule(task, startTime);
				TokenExpirySchedulingGraderTests.this.scheduled.add(future);
				return future;
			}
		};
		this.scheduler.setThreadNamePrefix("expiry-grader-");
		this.scheduler.initialize();
		MessageChannel clients = (message, timeout) -> this.toClients.add(message);
		this.expiry = new TokenExpiry(this.scheduler, clients);
	}

	@AfterEach
	void stopScheduler() {
		this.scheduler.shutdown();
	}

	@Test
	void cancelsTheScheduledEndOfASessionThatEndsBeforeItsTokenExpires() {
		this.expiry.connected("session-1", Instant.now().plus(Duration.ofHours(1)));
		this.expiry.ended("session-1");

		assertThat(this.scheduled).as("3.8: what connected(...) scheduled, for a token that expires in an hour")
			.hasSize(1);
		assertThat(this.scheduled.get(0).isCancelled()).as("""
				3.8: the scheduled end of a session that ended first, after ended(...) (hint: remove the session's \
				future from the map and cancel it)""").isTrue();
	}

	@Test
	void endsASessionThatConnectsAgainOnceForItsLatestToken() {
		this.expiry.connected("session-2", Instant.now().plus(Duration.ofHours(1)));
		this.expiry.connected("session-2", Instant.now().plus(Duration.ofHours(2)));

		assertThat(this.scheduled).as("3.8: what two connected(...) calls for one session scheduled").hasSize(2);
		assertThat(this.scheduled.get(0).isCancelled())
			.as("3.8: the first scheduled end, once the session connected again with a later token (hint: keep one "
					+ "future per session, and cancel the one it replaces)")
			.isTrue();
		assertThat(this.scheduled.get(1).isCancelled()).as("3.8: the scheduled end for the latest token").isFalse();
	}

	@Test
	void sendsAnErrorFrameNamingTheReasonToTheSessionAtItsExpiry() throws InterruptedException {
		this.expiry.connected("session-3", Instant.now().plusMillis(100));

		Message<?> sent = this.toClients.poll(10, TimeUnit.SECONDS);
		assertThat(sent).as("3.8: the message sent to the clients once the token expired").isNotNull();
		StompHeaderAccessor frame = StompHeaderAccessor.wrap(sent);
		assertThat(frame.getCommand()).as("3.8: its STOMP command").isEqualTo(StompCommand.ERROR);
		assertThat(frame.getMessage()).as("3.8: its message header").isEqualTo(TokenExpiry.TOKEN_EXPIRED);
		assertThat(frame.getSessionId()).as("3.8: the session it is for (the channel routes by it)")
			.isEqualTo("session-3");
	}

}
