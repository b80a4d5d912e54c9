package dev.wslab.production.reconnect;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades the de-duplication and resume point of exercise 3.10: an id is shown once, and a
 * subscription resumes from the highest id with none missing before it.
 */
@Grades("3.10")
class SeenIdsGraderTests {

	@Test
	void showsAnIdOnceAndCountsWhatCameBeforeSinceAsSeen() {
		SeenIds seen = new SeenIds("0-10");

		assertThat(seen.firstTime("0-11")).as("3.10: 0-11, after since 0-10").isTrue();
		assertThat(seen.firstTime("0-11")).as("3.10: 0-11 again, as a replay brings it").isFalse();
		assertThat(seen.firstTime("0-9")).as("3.10: 0-9, before since 0-10 (hint: since was seen already)").isFalse();
		assertThat(seen.firstTime("0-10")).as("3.10: 0-10, the since itself").isFalse();
	}

	@Test
	void resumesFromTheHighestIdWithNoneMissingNotFromTheLast() {
		SeenIds seen = new SeenIds("0-4");

		seen.firstTime("0-5");
		seen.firstTime("0-7");
		seen.firstTime("0-6");
		seen.firstTime("0-9");

		assertThat(seen.resumeFrom()).as("""
				3.10: the resume point after 0-5, 0-7, 0-6 and 0-9 (0-8 not yet come: two senders'
				messages can arrive out of id order, README 3.3; resuming after 0-9 would lose 0-8)""")
			.isEqualTo("0-7");
		assertThat(seen.firstTime("0-8")).isTrue();
		assertThat(seen.resumeFrom()).as("3.10: the resume point once 0-8 came").isEqualTo("0-9");
	}

	@Test
	void startsFromTheFirstIdWhenSubscribedWithoutSince() {
		SeenIds seen = new SeenIds(null);

		assertThat(seen.resumeFrom()).as("3.10: nothing seen and no since: no resume point").isNull();
		assertThat(seen.firstTime("0-41")).isTrue();
		assertThat(seen.firstTime("0-42")).isTrue();
		assertThat(seen.firstTime("0-41")).as("3.10: 0-41 again").isFalse();

		assertThat(seen.resumeFrom()).as("3.10: the resume point after 0-41 and 0-42, subscribed without since")
			.isEqualTo("0-42");
	}

	@Test
	void movesPastAGapToTheOldestIdStillKept() {
		SeenIds seen = new SeenIds("0-3");

		seen.skipTo("0-2000");
		seen.firstTime("0-2000");

		assertThat(seen.resumeFrom()).as("""
				3.10: after a gap:true frame whose oldest is 0-2000, and 0-2000 then seen
				(hint: 0-4 to 0-1999 are gone from the log; waiting for them would never end)""").isEqualTo("0-2000");
	}

	@Test
	void movesPastAGapOverIdsThatAlreadyCameLive() {
		SeenIds seen = new SeenIds("0-3");

		seen.firstTime("0-2000");
		seen.firstTime("0-2001");
		seen.skipTo("0-2000");

		assertThat(seen.resumeFrom()).as("""
				3.10: 0-2000 and 0-2001 came live, then a gap:true frame whose oldest is 0-2000
				(hint: after moving past the gap, count on over the ids already seen)""").isEqualTo("0-2001");
	}

	@Test
	void keepsTellingNewFromSeenPastTenThousandIds() {
		SeenIds seen = new SeenIds(null);

		for (int n = 1; n <= 50_000; n += 2) {
			seen.firstTime("0-" + n);
		}

		assertThat(seen.firstTime("0-49999")).as("3.10: the newest odd id, seen").isFalse();
		assertThat(seen.resumeFrom()).as("3.10: the resume point with 0-2 missing").isEqualTo("0-1");
		assertThat(seen.firstTime("0-2")).as("3.10: an even id never seen").isTrue();
	}

	@Test
	void countsFromTheStartOfTheLogWhenSubscribedSinceZero() {
		SeenIds seen = new SeenIds("0-0");

		assertThat(seen.resumeFrom()).as("3.10: subscribed since 0-0, nothing come yet").isEqualTo("0-0");
		assertThat(seen.firstTime("0-2")).isTrue();
		assertThat(seen.resumeFrom()).as("""
				3.10: since 0-0, then 0-2 with 0-1 not yet come (a log's first id is 0-1; hint: since 0-0
				is a resume point like any other, not "nothing known yet")""").isEqualTo("0-0");
		assertThat(seen.firstTime("0-1")).isTrue();
		assertThat(seen.resumeFrom()).as("3.10: the resume point once 0-1 came").isEqualTo("0-2");
	}

	@Test
	void remembersTheNewestTenThousandIdsEveryOne() {
		SeenIds seen = new SeenIds(null);

		for (int n = 1; n <= SeenIds.REMEMBERED; n++) {
			seen.firstTime("0-" + n);
		}

		assertThat(seen.firstTime("0-1")).as("""
				3.10: 0-1 again, the oldest of exactly %d ids seen (hint: forget an id only once more than
				REMEMBERED are kept)""", SeenIds.REMEMBERED).isFalse();
	}

}
