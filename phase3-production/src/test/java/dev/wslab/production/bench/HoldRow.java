package dev.wslab.production.bench;

import java.time.Duration;

/**
 * One step of a hold ramp.
 *
 * @param variant what the clients connected to
 * @param target connections asked for
 * @param held connections the clients hold
 * @param failed connections that failed
 * @param took how long the step took
 * @param heap the servers' heap after full GCs, summed, in bytes
 * @param rss the servers' VmRSS, summed, in bytes
 * @param serverFiles the open descriptors of the busiest server
 * @param proxyFiles the open descriptors of the busiest Nginx worker, or -1 without Nginx
 * @param broker RabbitMQ's figures, or {@code null} without a relay
 */
record HoldRow(HoldVariant variant, int target, int held, int failed, Duration took, long heap, long rss,
		long serverFiles, long proxyFiles, BrokerFigures broker) {

	@Override
	public String toString() {
		return String.format("%s: %d asked, %d held, %d failed in %d s: heap %.0f MB, RSS %.0f MB, %d files%s%s",
				this.variant, this.target, this.held, this.failed, this.took.toSeconds(), this.heap / 1e6,
				this.rss / 1e6, this.serverFiles, (this.proxyFiles >= 0) ? ", nginx worker " + this.proxyFiles : "",
				(this.broker != null) ? ", broker sockets " + this.broker.socketsUsed() + "/"
						+ this.broker.socketsLimit() + ", broker RSS " + this.broker.rss() / 1000000 + " MB" : "");
	}

}
