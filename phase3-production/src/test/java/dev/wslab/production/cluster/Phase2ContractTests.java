package dev.wslab.production.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.wslab.kit.nginx.NginxExtension;
import dev.wslab.kit.nginx.NginxProxy;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phase 2's chat graders, unchanged, against each instance of the cluster and through
 * Nginx: the chat's public contract holds wherever a client lands. The graders still
 * start Phase 2's own app (it is their fixture), but they send every request and frame to
 * the target named by the system property {@code wslab.chat.target} (Phase 2's
 * {@code ChatTarget}). The cluster uses Phase 2's test key, so their forged tokens mean
 * the same here.
 */
class Phase2ContractTests {

	/** Read by Phase 2's {@code ChatTarget}. */
	private static final String TARGET = "wslab.chat.target";

	/**
	 * Phase 2's tests of the chat's public contract: the graders of 2.3 to 2.10, and the
	 * token endpoint's (not the page's).
	 */
	private static final List<String> GRADERS = List.of("StompConfigGraderTests", "SockJsTransportGraderTests",
			"RoomGraderTests", "PrivateMessageGraderTests", "ConnectAuthenticationGraderTests", "TokenEndpointTests",
			"MessageRulesGraderTests", "ErrorQueueGraderTests", "PresenceGraderTests");

	/** The outer run's settings (the quiet console, brief failures) hold inside too. */
	private static final List<String> PASSED_ON = List.of("junit.jupiter.extensions.autodetection.enabled",
			"wslab.failures");

	private static final Map<String, String> settings = new LinkedHashMap<>();

	@RegisterExtension
	static final NginxExtension nginx = new NginxExtension();

	@RegisterExtension
	static final BeforeAllCallback outerSettings = (context) -> PASSED_ON
		.forEach((key) -> context.getConfigurationParameter(key).ifPresent((value) -> settings.put(key, value)));

	@TestFactory
	Stream<DynamicNode> keepsPhase2sContractOnEachInstanceAndThroughNginx() {
		ChatCluster cluster = ChatCluster.shared();
		NginxProxy proxy = nginx.start(ClusterProxy.config(cluster.ports()));
		Map<String, String> targets = new LinkedHashMap<>();
		targets.put("chat-1", "127.0.0.1:" + cluster.port(0));
		targets.put("chat-2", "127.0.0.1:" + cluster.port(1));
		targets.put("nginx", proxy.host() + ":" + proxy.port());
		return targets.entrySet()
			.stream()
			.map((target) -> DynamicContainer.dynamicContainer(target.getKey(),
					graded(target.getKey(), run(target.getValue()))));
	}

	private static List<Outcome> run(String target) {
		LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
			.selectors(GRADERS.stream()
				.map((name) -> DiscoverySelectors.selectClass("dev.wslab.spring.chat." + name))
				.toList());
		request.configurationParameters(settings);
		Outcomes outcomes = new Outcomes();
		System.setProperty(TARGET, target);
		try {
			LauncherFactory.create().execute(request.build(), outcomes);
		}
		finally {
			System.clearProperty(TARGET);
		}
		return outcomes.list;
	}

	private static Stream<DynamicNode> graded(String target, List<Outcome> outcomes) {
		List<DynamicNode> nodes = new ArrayList<>();
		nodes.add(DynamicTest.dynamicTest("runs every Phase 2 contract grader",
				() -> assertThat(outcomes.stream().map(Outcome::graderClass).distinct())
					.as("Phase 2 grader classes that ran against " + target)
					.containsExactlyInAnyOrderElementsOf(GRADERS)));
		for (Outcome outcome : outcomes) {
			nodes.add(DynamicTest.dynamicTest(outcome.graderClass() + "." + outcome.test(),
					() -> outcome.verify(target)));
		}
		return nodes.stream();
	}

	/** One Phase 2 grader's result on one target. */
	private record Outcome(String graderClass, String test, TestExecutionResult result) {

		void verify(String target) throws Throwable {
			switch (result.getStatus()) {
				case SUCCESSFUL -> {
				}
				case ABORTED ->
					throw new AssertionError("Phase 2's " + this.graderClass + "." + this.test + " did not run against "
							+ target + ": " + result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
				case FAILED -> throw result.getThrowable()
					.map((cause) -> new AssertionError("Phase 2's contract does not hold on " + target + ": "
							+ this.graderClass + "." + this.test + " fails\n" + cause.getMessage(), cause))
					.orElseGet(() -> new AssertionError(this.graderClass + "." + this.test + " failed on " + target));
			}
		}

	}

	/**
	 * Keeps each test method's result; a class that fails before its tests counts too.
	 */
	private static final class Outcomes implements TestExecutionListener {

		private final List<Outcome> list = new ArrayList<>();

		@Override
		public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
			if (identifier.isTest() || (identifier.isContainer()
					&& result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && className(identifier) != null)) {
				String className = className(identifier);
				if (className != null) {
					this.list.add(new Outcome(className, identifier.getDisplayName(), result));
				}
			}
		}

		@Override
		public void executionSkipped(TestIdentifier identifier, String reason) {
			String className = className(identifier);
			if (className != null) {
				this.list.add(new Outcome(className, identifier.getDisplayName(),
						TestExecutionResult.aborted(new IllegalStateException("skipped: " + reason))));
			}
		}

		private static String className(TestIdentifier identifier) {
			return identifier.getSource()
				.flatMap((source) -> (source instanceof MethodSource method) ? Optional.of(method.getClassName())
						: (source instanceof ClassSource type) ? Optional.of(type.getClassName()) : Optional.empty())
				.map((name) -> name.substring(name.lastIndexOf('.') + 1))
				.orElse(null);
		}

	}

}
