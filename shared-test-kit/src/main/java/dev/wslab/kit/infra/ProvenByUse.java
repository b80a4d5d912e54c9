package dev.wslab.kit.infra;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;

/**
 * A Testcontainers wait strategy that proves a service ready by using it (a STOMP CONNECT
 * answered, a Redis PONG, an HTTP answer) rather than by a log line, which differs
 * between upstream images and images built from Debian packages.
 */
public final class ProvenByUse extends AbstractWaitStrategy {

	/** A check against the started container that returns true once the service works. */
	@FunctionalInterface
	public interface Probe {

		/**
		 * Uses the service once.
		 * @param target the started container
		 * @return true if the service answered as it should
		 * @throws Exception if it could not be reached yet
		 */
		boolean works(WaitStrategyTarget target) throws Exception;

	}

	private final String what;

	private final Probe probe;

	/**
	 * Creates the strategy.
	 * @param what what the probe waits for, for the timeout message
	 * @param probe the check
	 */
	public ProvenByUse(String what, Probe probe) {
		this.what = what;
		this.probe = probe;
	}

	@Override
	protected void waitUntilReady() {
		WaitStrategyTarget target = this.waitStrategyTarget;
		await(this.what, this.startupTimeout, () -> {
			if (!target.isRunning()) {
				throw new IllegalStateException("the container exited; its log:\n" + target.getLogs());
			}
			return this.probe.works(target);
		});
	}

	/**
	 * Polls a check every 100 ms until it returns true, treating exceptions as "not yet",
	 * up to a bound.
	 * @param what what is waited for, for the timeout message
	 * @param timeout the bound
	 * @param check the check
	 */
	public static void await(String what, Duration timeout, Callable<Boolean> check) {
		org.awaitility.Awaitility.await(what)
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptionsMatching((ex) -> !(ex instanceof IllegalStateException))
			.until(check);
	}

}
