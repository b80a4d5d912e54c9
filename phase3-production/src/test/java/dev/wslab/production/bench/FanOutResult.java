package dev.wslab.production.bench;

import org.HdrHistogram.Histogram;

/**
 * One fan-out scenario's figures.
 *
 * @param scenario what ran
 * @param messages messages the sender published while measured
 * @param perSecond messages a second
 * @param delivered deliveries counted, each subscriber's first copy of each message
 * @param duplicated copies beyond the first
 * @param latencies the delivery latencies in microseconds
 * @param instanceCpuMillis CPU time of the instances during the measurement
 * @param brokerCpuMillis CPU time of RabbitMQ during the measurement
 * @param clientCpuMillis CPU time of the client JVMs during the measurement
 * @param seconds how long the measurement took, from the first send to the last delivery
 * counted
 * @param load the load average over one minute when the measurement started
 * @param failure why the scenario stopped early, or {@code null}
 */
record FanOutResult(FanOutScenario scenario, long messages, double perSecond, long delivered, long duplicated,
		Histogram latencies, long instanceCpuMillis, long brokerCpuMillis, long clientCpuMillis, double seconds,
		String load, String failure) {

	static FanOutResult failed(FanOutScenario scenario, String why) {
		return new FanOutResult(scenario, 0, 0, 0, 0, new Histogram(3), 0, 0, 0, 0, "", why);
	}

	long expected() {
		return this.messages * this.scenario.subscribers();
	}

	long lost() {
		return Math.max(0, expected() - this.delivered);
	}

	double millis(double percentile) {
		return this.latencies.getValueAtPercentile(percentile) / 1000.0;
	}

}
