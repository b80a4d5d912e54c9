package dev.wslab.production.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One class's share of the heap that the idle connections added: the difference between
 * two class histograms ({@code jcmd <pid> GC.class_histogram}), divided by the
 * connections opened between them.
 *
 * @param type the class name as the histogram prints it
 * @param instances instances per connection
 * @param bytes bytes per connection
 */
record HeapShare(String type, double instances, double bytes) {

	/**
	 * The classes that grew most between two histograms.
	 * @param before the histogram at the first step (class to instances and bytes)
	 * @param after the histogram at the last step
	 * @param connections connections opened between them
	 * @return the top 15 classes by bytes per connection
	 */
	static List<HeapShare> diff(Map<String, long[]> before, Map<String, long[]> after, int connections) {
		if (connections <= 0) {
			return List.of();
		}
		return after.entrySet().stream().map((entry) -> {
			long[] was = before.getOrDefault(entry.getKey(), new long[2]);
			return new HeapShare(entry.getKey(), (entry.getValue()[0] - was[0]) / (double) connections,
					(entry.getValue()[1] - was[1]) / (double) connections);
		}).sorted(Comparator.comparingDouble(HeapShare::bytes).reversed()).limit(15).toList();
	}

}
