package dev.wslab.production.cluster;

import org.slf4j.bridge.SLF4JBridgeHandler;

import org.springframework.context.SmartLifecycle;

/**
 * Puts the {@code java.util.logging} to SLF4J bridge back when one instance of several in
 * this JVM stops. Closing a Spring Boot context cleans up the logging system, and for
 * Logback that removes the bridge for the whole JVM ({@code LoggingSystem.cleanUp()}, run
 * by Boot's logging lifecycle bean, the last to stop but this). Tomcat logs through
 * {@code java.util.logging}, so the instances still running would from then on drop what
 * their Tomcat logs, a servlet's exception among it: a starter's {@code TODO} that
 * answers an HTTP request with 500 would no longer reach the grader's server log, nor the
 * console.
 */
final class KeepJulBridge implements SmartLifecycle {

	private volatile boolean running;

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (!SLF4JBridgeHandler.isInstalled()) {
			SLF4JBridgeHandler.install();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Below Boot's logging lifecycle (Integer.MIN_VALUE + 1): stopped after it.
		return Integer.MIN_VALUE;
	}

}
