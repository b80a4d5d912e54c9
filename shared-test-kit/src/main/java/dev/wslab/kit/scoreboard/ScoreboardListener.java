package dev.wslab.kit.scoreboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wslab.kit.grading.GradedFailure;
import dev.wslab.kit.infra.InfrastructureUnavailableException;
import tools.jackson.databind.json.JsonMapper;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records every test's outcome for the scoreboard. Registered through
 * {@code META-INF/services}, so any test run with the kit on its class path is recorded;
 * the results go to the directory named by the {@code wslab.results} system property,
 * which the build sets, and nothing is written when it is absent.
 */
public final class ScoreboardListener implements TestExecutionListener {

	static final Pattern TODO = Pattern.compile("TODO\\((\\d+\\.\\d+)\\)");

	private static final AtomicBoolean FRESH = new AtomicBoolean();

	private final List<TestOutcome> outcomes = new CopyOnWriteArrayList<>();

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		Path dir = resultsDir();
		if (dir != null && FRESH.compareAndSet(false, true)) {
			deleteOldResults(dir);
		}
	}

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		if (test.isTest()) {
			this.outcomes.add(new TestOutcome(className(test), testName(test), "SKIPPED", reason, null, false));
		}
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		if (!test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
			return;
		}
		Throwable failure = result.getThrowable().orElse(null);
		String status = switch (result.getStatus()) {
			case SUCCESSFUL -> "PASSED";
			case ABORTED -> "SKIPPED";
			case FAILED -> "FAILED";
		};
		// A class-level failure (a failing @BeforeAll, say) fails every test it would
		// have run.
		String name = test.isTest() ? testName(test) : "(class setup) " + test.getDisplayName();
		GradedFailure graded = (failure instanceof GradedFailure teaching) ? teaching : null;
		this.outcomes.add(new TestOutcome(className(test), name, status,
				(graded != null) ? firstLines(graded.expected()) : summary(failure), todoOf(failure),
				isInfrastructure(failure), (graded != null) ? TestOutcome.Lesson.of(graded) : null));
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		Path dir = resultsDir();
		if (dir == null || this.outcomes.isEmpty()) {
			return;
		}
		try {
			Files.createDirectories(dir);
			JsonMapper.builder()
				.build()
				.writeValue(dir.resolve("outcomes-" + UUID.randomUUID() + ".json").toFile(),
						List.copyOf(this.outcomes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.outcomes.clear();
	}

	static String todoOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String found = todoIn(String.valueOf(cause.getMessage()));
			if (found != null) {
				return found;
			}
			for (Throwable suppressed : cause.getSuppressed()) {
				found = todoOf(suppressed);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	static String todoIn(String text) {
		Matcher matcher = TODO.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static boolean isInfrastructure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InfrastructureUnavailableException) {
				return true;
			}
		}
		return false;
	}

	private static String summary(Throwable failure) {
		if (failure == null) {
			return null;
		}
		return firstLines(failure.getClass().getSimpleName() + ": " + failure.getMessage());
	}

	private static String firstLines(String text) {
		String[] lines = text.split("\n");
		return lines.length <= 40 ? text : String.join("\n", List.of(lines).subList(0, 40)) + "\n…";
	}

	private static String testName(TestIdentifier test) {
		if (test.getSource().orElse(null) instanceof MethodSource method) {
			String display = test.getDisplayName();
			return display.startsWith(method.getMethodName() + "(") ? method.getMethodName()
					: method.getMethodName() + " [" + display + "]";
		}
		return test.getDisplayName();
	}

	private static String className(TestIdentifier test) {
		TestSource source = test.getSource().orElse(null);
		if (source instanceof MethodSource method) {
			return method.getClassName();
		}
		if (source instanceof ClassSource type) {
			return type.getClassName();
		}
		return test.getUniqueId();
	}

	private static Path resultsDir() {
		String dir = System.getProperty("wslab.results");
		return dir == null ? null : Path.of(dir);
	}

	private static void deleteOldResults(Path dir) {
		if (!Files.isDirectory(dir)) {
			return;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "outcomes-*.json")) {
			for (Path file : files) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
