package dev.wslab.production.drain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades exercise 3.11, the draining shutdown, on an instance of its own: a raw STOMP
 * client sits in a room on it, then the grader calls {@code DrainingShutdown.stop} as
 * Spring would when the context closes. The client must be asked to move (an ERROR with
 * {@code message:server-restart}, then close code 1012), a new handshake must be refused
 * with 503 and {@code Retry-After}, and the drain must end well inside the shutdown
 * phase's timeout. The instance is closed afterwards.
 *
 * <p>
 * The cases that need a drain in a state Spring's close would not give (an interrupted
 * thread, a session that never leaves, a plain {@code stop()}) build a
 * {@code DrainingShutdown} of their own on a second instance.
 */
@Grades("3.11")
class DrainingShutdownGraderTests {

	/**
	 * Spring Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}, the chat's 30 s.
	 */
	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * How much earlier than its timeout a drain may give up on an open session: a
	 * millisecond clock, rounding.
	 */
	private static final Duration CLOCK_SLACK = Duration.ofMillis(50);

	static ConfigurableApplicationContext instance;

	/**
	 * A second instance, for the cases that drive a drain of their own; started lazily.
	 */
	static ConfigurableApplicationContext own;

	static DrainingShutdown drain;

	static RawStomp ann;

	static CompletableFuture<Long> drained = new CompletableFuture<>();

	static List<String> annSaw;

	/** The sessions still open when the drain ran its callback. */
	static volatile Set<String> openWhenDone;

	@BeforeAll
	static void drainAnInstanceWithAClient() throws Exception {
		instance = ChatCluster.shared().startApart("drain-grader", java.util.Map.of());
		drain = instance.getBean(DrainingShutdown.class);
		LiveSessions live = instance.getBean(LiveSessions.class);
		ann = RawStomp.inRoom(port(), "alice", ClusterClients.room("drain"));
		long started = System.nanoTime();
		Thread.ofVirtual().name("drain-grader-stop").start(() -> {
			try {
				drain.stop(() -> {
					openWhenDone = Set.copyOf(live.ids());
					drained.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
				});
			}
			catch (Throwable ex) {
				drained.completeExceptionally(ex);
			}
		});
		annSaw = ann.framesUntilClose(ClusterClients.WAIT);
	}

	@AfterAll
	static void stop() throws Exception {
		ann.close();
		instance.close();
		if (own != null) {
			own.close();
		}
	}

	@Test
	void asksEachClientToMoveWithAnErrorThenCloseCode1012() throws Exception {
		long millis = drainedMillis();

		assertThat(annSaw).as("""
				3.11: ann's frames after stop() began (%d ms); expected an ERROR with message:server-restart, \
				then CLOSE 1012.
				Transcript:
				%s
				hint: closeWith(sessionId, SERVICE_RESTART) before sending the ERROR on the client outbound \
				channel: Spring closes after an ERROR with 1002 otherwise""".formatted(millis, ann.transcript()))
			.last()
			.isEqualTo("CLOSE 1012");
		assertThat(annSaw.get(annSaw.size() - 2)).as(ann.transcript())
			.startsWith("ERROR")
			.contains("\nmessage:server-restart\n");
	}

	@Test
	void refusesNewHandshakesWith503AndRetryAfter() throws Exception {
		drainedMillis();

		HttpHead refused = RawStomp.handshake(port());

		assertThat(refused.status()).as("""
				3.11: a handshake after stop() began got:
				%s
				expected 503 with Retry-After, so that a client or Nginx tries another instance \
				(hint: set draining before anything else in stop)""".formatted(refused.text())).isEqualTo(503);
		assertThat(refused.header("Retry-After")).as(refused.text()).isNotBlank();
	}

	@Test
	void endsWellInsideTheShutdownPhaseTimeout() throws Exception {
		long millis = drainedMillis();

		System.out.println(
				"[3.11] drain with one client: " + millis + " ms (bound: half of " + PHASE_TIMEOUT.toSeconds() + " s)");
		assertThat(Duration.ofMillis(millis))
			.as("""
					3.11: the drain took %d ms; Spring gives a shutdown phase %d s, then moves on \
					(hint: bound each wait by the timeout, and run the callback in a finally)""".formatted(millis,
					PHASE_TIMEOUT.toSeconds()))
			.isLessThan(PHASE_TIMEOUT.dividedBy(2));
	}

	@Test
	void runsTheCallbackOnlyOnceEverySessionHasClosed() throws Exception {
		drainedMillis();

		assertThat(openWhenDone).as("""
				3.11: the sessions still open when stop() ran its callback, ann's having been asked to move \
				(hint: wait with sessions.awaitAllClosed(...), within the timeout, before the callback)""").isEmpty();
	}

	@Test
	void endsAsSoonAsItsSessionsHaveClosedRatherThanAtItsTimeout() throws Exception {
		long millis = drainedMillis();
		Duration timeout = instance.getBean(DrainProperties.class).timeout();

		assertThat(Duration.ofMillis(millis)).as("""
				3.11: the drain with one client, who leaves once asked, took %d ms; its timeout, %d s, bounds \
				the wait for clients that do not leave, it is not a wait of its own (hint: stop waiting once no \
				session is open)""".formatted(millis, timeout.toSeconds())).isLessThan(timeout);
	}

	@Test
	void keepsTheThreadsInterruptWhenInterruptedWhileWaiting() throws Exception {
		try (RawStomp bob = RawStomp.inRoom(ownPort(), "bob", ClusterClients.room("drain"))) {
			DrainingShutdown own = ownDrain(ownInstance().getBean("clientOutboundChannel", MessageChannel.class),
					Duration.ofSeconds(10));
			CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
			AtomicBoolean called = new AtomicBoolean();
			Thread.ofPlatform().name("drain-grader-interrupted").start(() -> {
				// Interrupted already: the first wait for bob's session to close throws.
				Thread.currentThread().interrupt();
				try {
					own.stop(() -> called.set(true));
					interruptedAfter.complete(Thread.currentThread().isInterrupted());
				}
				catch (Throwable ex) {
					interruptedAfter.completeExceptionally(ex);
				}
			});

			assertThat(outcome(interruptedAfter)).as("""
					3.11: the thread's interrupt status after stop() was interrupted while it waited for the \
					sessions to close; whoever interrupted it must still see that (hint: in the catch of \
					InterruptedException, Thread.currentThread().interrupt())""").isTrue();
			assertThat(called).as("3.11: the callback, after a drain that was interrupted").isTrue();
		}
	}

	@Test
	void waitsItsWholeTimeoutForASessionThatStaysOpenThenStillRunsTheCallback() throws Exception {
		try (RawStomp alice = RawStomp.inRoom(ownPort(), "alice", ClusterClients.room("drain"))) {
			// alice's ERROR never reaches her (this outbound channel loses it), so her
			// session stays open, as a client's whose socket has stalled would.
			MessageChannel losesEverything = (message, sendTimeout) -> true;
			Duration timeout = Duration.ofSeconds(2);
			DrainingShutdown own = ownDrain(losesEverything, timeout);
			CompletableFuture<Long> calledAfter = new CompletableFuture<>();
			Thread.ofVirtual().name("drain-grader-stays-open").start(() -> {
				long started = System.nanoTime();
				try {
					own.stop(() -> calledAfter.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
				}
				catch (Throwable ex) {
					calledAfter.completeExceptionally(ex);
				}
			});

			long millis = outcome(calledAfter);
			System.out.println("[3.11] drain with a session that stays open: callback after " + millis + " ms (timeout "
					+ timeout.toMillis() + " ms)");
			assertThat(Duration.ofMillis(millis))
				.as("""
						3.11: the drain ran its callback %d ms after stop() began, while alice's session was still \
						open; it should wait for her up to its timeout, %d ms, to let her messages finish (hint: \
						loop while a session is open and the deadline, started + timeout, has not passed)"""
					.formatted(millis, timeout.toMillis()))
				.isGreaterThanOrEqualTo(timeout.minus(CLOCK_SLACK));
		}
	}

	@Test
	void drainsOnAPlainStopTooAndReportsItselfStopped() throws Exception {
		DrainingShutdown own = ownDrain(ownInstance().getBean("clientOutboundChannel", MessageChannel.class),
				Duration.ofSeconds(5));
		own.start();
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(own::stop);

		outcome(stopped);
		assertThat(own.isDraining()).as("""
				3.11: isDraining() after a plain stop(), the Lifecycle method without a callback; it should \
				drain too (hint: stop() runs stop(Runnable) with a callback that does nothing)""").isTrue();
		assertThat(own.isRunning()).as("""
				3.11: isRunning() after the drain; Spring asks it before calling stop or start again, and a \
				drained instance is not running (hint: running = false in the finally)""").isFalse();
	}

	@Test
	void runsBeforeTheWebServerAndTheRelayStop() throws Exception {
		drainedMillis();
		int relay = instance.getBean(StompBrokerRelayMessageHandler.class).getPhase();

		assertThat(drain.getPhase())
			.as("""
					3.11: Spring stops the highest phase first; the drain must come before the web server's graceful \
					shutdown (%d) and the relay (%d)""".formatted(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE,
					relay))
			.isGreaterThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
			.isGreaterThan(relay);
	}

	/**
	 * The drain's duration; fails with the drain's own exception (a TODO) if it threw.
	 */
	private static long drainedMillis() throws Exception {
		return outcome(drained);
	}

	/**
	 * What a task gave, or the TODO (or other exception) it failed with, within the
	 * shutdown phase's timeout.
	 */
	private static <T> T outcome(CompletableFuture<T> task) throws Exception {
		try {
			return task.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("3.11: DrainingShutdown.stop failed: " + ex.getCause(), ex.getCause());
		}
	}

	/**
	 * A drain of the grader's own on a second instance, with the outbound channel and
	 * timeout a case needs; that instance's own bean is left for its close.
	 */
	private static DrainingShutdown ownDrain(MessageChannel clientOutbound, Duration timeout) {
		ConfigurableApplicationContext other = ownInstance();
		return new DrainingShutdown(other.getBean(LiveSessions.class), clientOutbound, other.getBean(InFlight.class),
				timeout);
	}

	private static synchronized ConfigurableApplicationContext ownInstance() {
		if (own == null) {
			own = ChatCluster.shared().startApart("drain-own", Map.of());
		}
		return own;
	}

	private static int ownPort() {
		return ((WebServerApplicationContext) ownInstance()).getWebServer().getPort();
	}

	private static int port() {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

}
