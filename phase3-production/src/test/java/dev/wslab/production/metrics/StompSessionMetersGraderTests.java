package dev.wslab.production.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.wslab.kit.grading.Grades;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades the session meters of exercise 3.13 on a real Micrometer registry whose clock
 * the test moves: one gauge and one timer, by their names and without tags, that count
 * sessions (not CONNECT frames) and time each from CONNECTED to its first end. The scrape
 * of a running instance is {@code SessionMetersScrapeGraderTests}.
 */
@Grades("3.13")
class StompSessionMetersGraderTests {

	private final MockClock clock = new MockClock();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, this.clock);

	private final StompSessionMeters meters = new StompSessionMeters(this.registry);

	@Test
	void countsTheOpenSessionsOnOneGaugeWithoutTags() {
		this.meters.opened("s1");
		this.meters.opened("s2");
		this.meters.opened("s3");
		this.meters.ended("s2");

		Gauge sessions = this.registry.get(ChatMeters.STOMP_SESSIONS).gauge();
		assertThat(sessions.value()).as("3.13: %s after 3 sessions opened and 1 ended", ChatMeters.STOMP_SESSIONS)
			.isEqualTo(2);
		assertThat(sessions.getId().getTags()).as("3.13: the gauge's tags (one series per instance, none per session)")
			.isEmpty();
	}

	@Test
	void timesEachSessionByTheRegistrysClockFromConnectedToItsEnd() {
		this.meters.opened("s1");
		this.clock.add(Duration.ofMillis(1500));
		this.meters.opened("s2");
		this.clock.add(Duration.ofMillis(250));

		this.meters.ended("s1");
		this.meters.ended("s2");

		Timer duration = this.registry.get(ChatMeters.CONNECTION_DURATION).timer();
		assertThat(duration.count()).as("3.13: sessions timed on %s", ChatMeters.CONNECTION_DURATION).isEqualTo(2);
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).as("""
				3.13: milliseconds recorded for a session of 1750 ms and one of 250 ms, on the registry's clock
				(hint: registry.config().clock().monotonicTime(), not System.nanoTime())""").isEqualTo(2000);
		assertThat(duration.max(TimeUnit.MILLISECONDS)).as("3.13: the longest session").isEqualTo(1750);
		assertThat(duration.getId().getTags()).as("3.13: the timer's tags").isEmpty();
	}

	@Test
	void countsASessionWhoseEndIsAnnouncedTwiceOnce() {
		this.meters.opened("s1");
		this.clock.add(Duration.ofSeconds(3));

		this.meters.ended("s1");
		this.clock.add(Duration.ofSeconds(3));
		this.meters.ended("s1");

		Timer duration = this.registry.get(ChatMeters.CONNECTION_DURATION).timer();
		assertThat(duration.count()).as("3.13: sessions timed after Spring announced s1's end twice").isEqualTo(1);
		assertThat(duration.totalTime(TimeUnit.SECONDS)).as("3.13: seconds recorded").isEqualTo(3);
		assertThat(this.registry.get(ChatMeters.STOMP_SESSIONS).gauge().value())
			.as("3.13: open sessions, never below 0")
			.isZero();
	}

	@Test
	void ignoresTheEndOfASessionThatNeverGotItsConnected() {
		// A CONNECT refused (a bad token, say) ends a session that never opened.
		this.meters.ended("refused");

		assertThat(this.registry.get(ChatMeters.CONNECTION_DURATION).timer().count())
			.as("3.13: sessions timed after only the end of one that never opened")
			.isZero();
		assertThat(this.registry.get(ChatMeters.STOMP_SESSIONS).gauge().value()).as("3.13: open sessions").isZero();
	}

	@Test
	void keepsItsTwoMetersWhateverTheNumberOfSessions() {
		IntStream.range(0, 50).forEach((i) -> this.meters.opened("session-" + i));
		IntStream.range(0, 20).forEach((i) -> this.meters.ended("session-" + i));

		assertThat(this.registry.getMeters()).as("""
				3.13: the meters after 50 sessions, 20 of them ended (a tag or a meter per session is a time series
				per session: Prometheus would keep each one)""")
			.extracting(Meter::getId)
			.extracting((id) -> id.getName() + id.getTags() + " " + id.getType())
			.containsExactlyInAnyOrder(ChatMeters.STOMP_SESSIONS + "[] GAUGE",
					ChatMeters.CONNECTION_DURATION + "[] TIMER");
		assertThat(this.registry.get(ChatMeters.STOMP_SESSIONS).gauge().value()).as("3.13: open sessions")
			.isEqualTo(30);
		assertThat(this.registry.get(ChatMeters.CONNECTION_DURATION).timer().count()).as("3.13: sessions timed")
			.isEqualTo(20);
	}

}
