package dev.wslab.kit.grading;

import java.lang.reflect.Method;
import java.util.Optional;

import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * On the exercises track ({@code wslab.failures=brief}), cuts the failure of a test that
 * grades no exercise (an app test, the conformance suite) to its first line, so that the
 * console's list of failures stays one line per test. The original failure is the cause,
 * in full, in the test report; a {@code TODO(id)} in it still reaches the scoreboard.
 * Graded tests tell their failures through {@link Grades}. Registered by JUnit's
 * extension auto-detection, which the exercises track turns on.
 */
public final class BriefFailures implements InvocationInterceptor {

	@Override
	public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
			ExtensionContext extensionContext) throws Throwable {
		proceed(invocation, extensionContext);
	}

	@Override
	public void interceptTestTemplateMethod(Invocation<Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		proceed(invocation, extensionContext);
	}

	@Override
	public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
			ExtensionContext extensionContext) throws Throwable {
		proceed(invocation, extensionContext);
	}

	private static void proceed(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
		try {
			invocation.proceed();
		}
		catch (Throwable failure) {
			throw brief(context) ? shorten(failure) : failure;
		}
	}

	private static boolean brief(ExtensionContext context) {
		if (!"brief".equals(context.getConfigurationParameter("wslab.failures").orElse(null))) {
			return false;
		}
		Optional<Class<?>> type = context.getTestClass();
		for (Class<?> test = type.orElse(null); test != null; test = test.getEnclosingClass()) {
			if (test.isAnnotationPresent(Grades.class)) {
				return false;
			}
		}
		return true;
	}

	static Throwable shorten(Throwable failure) {
		String message = String.valueOf(failure.getMessage()).strip();
		if (failure instanceof GradedFailure || !message.contains("\n") && message.length() <= 300) {
			return failure;
		}
		String line = message.lines().findFirst().orElse("").strip();
		if (line.length() > 240) {
			line = line.substring(0, 239) + "…";
		}
		String type = (failure instanceof AssertionError) ? "" : failure.getClass().getSimpleName() + ": ";
		return new AssertionError(type + line + " (in full in the test report)", failure);
	}

}
