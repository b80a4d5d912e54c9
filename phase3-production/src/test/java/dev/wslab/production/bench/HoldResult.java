package dev.wslab.production.bench;

import java.util.Comparator;
import java.util.List;

/**
 * One variant's ramp.
 *
 * @param variant what the clients connected to
 * @param rows its steps
 * @param failure the first error a client saw, or why the ramp stopped, or {@code null}
 * @param proxyOutOfConnections whether Nginx logged that its workers ran out of
 * connections
 */
record HoldResult(HoldVariant variant, List<HoldRow> rows, String failure, boolean proxyOutOfConnections) {

	/**
	 * The step that held the most connections.
	 * @return that step, or {@code null} when no step was measured
	 */
	HoldRow most() {
		return this.rows.stream().max(Comparator.comparingInt(HoldRow::held)).orElse(null);
	}

}
