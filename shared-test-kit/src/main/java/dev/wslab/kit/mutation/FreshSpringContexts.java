package dev.wslab.kit.mutation;

import java.lang.reflect.Field;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import org.springframework.test.context.cache.ContextCache;

/**
 * In a mutation run of Spring graders, forgets the Spring test contexts cached in this
 * JVM before each test run, so that the next test starts a context from the mutated
 * classes. A PIT minion starts the graders' context once before it swaps a mutant in;
 * with the cache kept, a configuration class's {@code @Bean} methods would never run
 * mutated.
 *
 * <p>
 * Registered through {@code META-INF/services}; it does nothing unless the system
 * property {@value #PROPERTY} is {@code true}, which only the mutation run sets.
 */
public final class FreshSpringContexts implements TestExecutionListener {

	/** The system property that turns this on. */
	public static final String PROPERTY = "wslab.mutation.freshContexts";

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		if (!Boolean.getBoolean(PROPERTY)) {
			return;
		}
		try {
			Class<?> delegate = Class
				.forName("org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate");
			Field cache = delegate.getDeclaredField("defaultContextCache");
			cache.setAccessible(true);
			// The old contexts stay open: a minion tests one mutant and exits.
			((ContextCache) cache.get(null)).reset();
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("Cannot reset Spring's test context cache for a mutation run", ex);
		}
	}

}
