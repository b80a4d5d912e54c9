package dev.wslab.kit.scoreboard;

import java.util.Arrays;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs some grader classes in this JVM. The {@link ScoreboardListener}, registered as a
 * service, writes their outcomes to the directory named by {@code wslab.results}.
 */
public final class GraderLauncher {

	private GraderLauncher() {
	}

	/**
	 * Entry point for {@link OwnTodoCheck}'s child JVMs.
	 * @param args the fully qualified grader classes
	 */
	public static void main(String[] args) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(Arrays.stream(args).map(DiscoverySelectors::selectClass).toList())
			.build();
		Launcher launcher = LauncherFactory.create();
		launcher.execute(request);
		// Servers and brokers that tests left behind must not keep this JVM alive.
		System.exit(0);
	}

}
