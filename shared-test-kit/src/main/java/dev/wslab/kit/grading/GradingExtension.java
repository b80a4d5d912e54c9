package dev.wslab.kit.grading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wslab.kit.catalog.Catalog;
import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.track.HintLog;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The extension behind {@link Grades}: records the test's clients and the server's log,
 * and turns a failure into a {@link GradedFailure}.
 */
final class GradingExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
		TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

	/** How long a failed test waits for the server's log when nothing is in it yet. */
	private static final Duration SERVER_LOG_GRACE = Duration.ofMillis(500);

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(GradingExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		// An id that is not in the catalog is the grader author's mistake: say so at
		// once.
		exercise(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		ClientTranscripts.start();
		ServerLog log = ServerLog.open();
		context.getStore(NAMESPACE).put(ServerLog.class, log);
		OwnTodo.watch(exercise(context).id(), log);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		ClientTranscripts.stop();
		OwnTodo.stop();
		ServerLog log = context.getStore(NAMESPACE).remove(ServerLog.class, ServerLog.class);
		if (log != null) {
			log.close();
		}
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		throw teach(context, failure);
	}

	@Override
	public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		throw teach(context, failure);
	}

	@Override
	public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		throw teach(context, failure);
	}

	private static Throwable teach(ExtensionContext context, Throwable failure) {
		if (failure instanceof GradedFailure) {
			return failure;
		}
		Exercise exercise = exercise(context);
		ServerLog log = context.getStore(NAMESPACE).get(ServerLog.class, ServerLog.class);
		if (log != null && !reachedATodo(failure)) {
			// The server may log why it closed a connection just after the client saw the
			// close: give it a moment, bounded, when nothing is in the log yet.
			log.awaitException(SERVER_LOG_GRACE);
		}
		Throwable own = (log != null) ? log.firstTodo(exercise.id()) : null;
		Throwable inside = (own != null) ? own : (log != null) ? log.firstException() : null;
		List<GradedFailure.ClientLog> clients = new ArrayList<>();
		List<ClientTranscripts.Opened> opened = ClientTranscripts.snapshot();
		for (int i = 0; i < opened.size(); i++) {
			String name = (opened.size() > 1) ? "client " + (i + 1) + ", " + opened.get(i).name()
					: opened.get(i).name();
			clients.add(new GradedFailure.ClientLog(name, opened.get(i).transcript().lines()));
		}
		int dropped = ClientTranscripts.dropped();
		if (dropped > 0) {
			clients.add(new GradedFailure.ClientLog(dropped + " more clients", List.of("(not kept)")));
		}
		GradedFailure graded = new GradedFailure(exercise.id() + " " + exercise.title(), expected(failure),
				(inside != null && inside != failure) ? inside.toString() : null, clients, hint(context, exercise),
				"brief".equals(context.getConfigurationParameter("wslab.failures").orElse(null)), failure);
		if (inside != null && inside != failure) {
			// The scoreboard looks for a stub's TODO(id) in the causes and suppressed
			// exceptions.
			graded.addSuppressed(inside);
		}
		return graded;
	}

	private static boolean reachedATodo(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (String.valueOf(cause.getMessage()).contains("TODO(")) {
				return true;
			}
		}
		return false;
	}

	static String expected(Throwable failure) {
		String message = String.valueOf(failure.getMessage());
		// The kit's clients append their transcript to their own failures; it is shown
		// once, below.
		int transcript = message.indexOf("\nTranscript:\n");
		if (transcript >= 0) {
			message = message.substring(0, transcript);
		}
		return (failure instanceof AssertionError) ? message.strip()
				: failure.getClass().getSimpleName() + ": " + message.strip();
	}

	private static String hint(ExtensionContext context, Exercise exercise) {
		if (exercise.hints().isEmpty()) {
			return null;
		}
		HintLog hints = HintLog.load(root(context));
		int level = hints.next(exercise);
		String read = (hints.seen(exercise) >= exercise.hints().size())
				? " (all read; './learn reveal " + exercise.id() + "' shows the answer)"
				: " ('./learn hint " + exercise.id() + "' marks it read)";
		return level + " of " + exercise.hints().size() + read + ": " + exercise.hints().get(level - 1);
	}

	private static Exercise exercise(ExtensionContext context) {
		Grades grades = grades(context.getRequiredTestClass());
		Catalog catalog = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Catalog.class, (key) -> Catalog.load(root(context)), Catalog.class);
		return catalog.byId(grades.value())
			.orElseThrow(() -> new IllegalStateException(
					"@Grades(\"" + grades.value() + "\") on " + context.getRequiredTestClass().getName()
							+ ": no exercise " + grades.value() + " in " + root(context).resolve(Catalog.FILE)));
	}

	private static Grades grades(Class<?> testClass) {
		for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
			Grades grades = type.getAnnotation(Grades.class);
			if (grades != null) {
				return grades;
			}
		}
		throw new IllegalStateException(testClass.getName() + " is graded but has no @Grades");
	}

	private static Path root(ExtensionContext context) {
		String root = context.getConfigurationParameter("wslab.root").orElse(System.getProperty("wslab.root"));
		return (root != null) ? Path.of(root) : Catalog.findRoot(Path.of(""));
	}

}
