package dev.wslab.production.drain;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The messages this instance is still handling: the tasks running or queued on Spring's
 * three messaging executors (client inbound, client outbound, broker channel). Spring
 * stops those executors at the messaging phase (0), long after a drain, but without
 * waiting for what is queued; a drain waits for them here instead, within its bound.
 */
public final class InFlight {

	private static final Duration POLL = Duration.ofMillis(10);

	private final List<ThreadPoolTaskExecutor> executors;

	InFlight(List<ThreadPoolTaskExecutor> executors) {
		this.executors = List.copyOf(executors);
	}

	/**
	 * Counts the tasks running or queued now.
	 * @return how many
	 */
	public int count() {
		return this.executors.stream()
			.mapToInt((executor) -> executor.getActiveCount() + executor.getQueueSize())
			.sum();
	}

	/**
	 * Waits until no task is running or queued, or the time is up. The executors offer no
	 * signal for "idle", so this looks every 10 ms.
	 * @param timeout the longest wait
	 * @return the tasks still running or queued (0 when idle in time)
	 */
	public int awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int left = count();
		while (left > 0 && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
			LockSupport.parkNanos(POLL.toNanos());
			left = count();
		}
		return left;
	}

}
