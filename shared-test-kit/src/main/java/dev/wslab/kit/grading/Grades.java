package dev.wslab.kit.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a grader class and names the exercise it grades. A failing test of the class
 * fails with a {@link GradedFailure} that teaches: the exercise's id and title from
 * {@code catalog.json}, what was expected, the transcript of every kit client the test
 * opened, the exception the server logged, and the learner's next unread hint. The
 * original failure stays its cause, so the scoreboard still finds a stub's
 * {@code TODO(id)}.
 *
 * <pre class="code">
 * &#64;Grades("2.9")
 * &#64;ChatServerTest
 * class ErrorQueueGraderTests { ... }
 * </pre>
 *
 * Grader classes run their tests one at a time (the kit's clients register in one list
 * per test), which is JUnit's default.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GradingExtension.class)
public @interface Grades {

	/**
	 * The exercise id, such as {@code 2.9}, as in {@code catalog.json}.
	 * @return the id
	 */
	String value();

}
