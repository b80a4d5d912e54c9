package dev.wslab.production.cluster;

import dev.wslab.kit.mutation.FreshSpringContexts;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * In a mutation run, stops the shared {@link ChatCluster} before each test run, as the
 * kit's {@link FreshSpringContexts} forgets Spring's cached test contexts. A PIT minion
 * runs the graders once before it swaps a mutant in; kept, the cluster started then would
 * serve the mutant with objects built by the unmutated classes (3.5's token buckets, made
 * once per user, never came from a mutated {@code newBucket}).
 *
 * <p>
 * Registered through {@code META-INF/services}; it does nothing unless the mutation run
 * sets {@value FreshSpringContexts#PROPERTY}.
 */
public final class FreshCluster implements TestExecutionListener {

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		if (Boolean.getBoolean(FreshSpringContexts.PROPERTY)) {
			ChatCluster.forgetShared();
		}
	}

}
