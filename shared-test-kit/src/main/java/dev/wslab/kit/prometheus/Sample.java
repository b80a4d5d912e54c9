package dev.wslab.kit.prometheus;

import java.util.Map;

/**
 * One element of an instant vector returned by a PromQL query.
 *
 * @param labels the series' labels, including {@code __name__} where the query keeps it
 * @param value the sample's value
 */
public record Sample(Map<String, String> labels, double value) {

	/**
	 * Returns one label of the series.
	 * @param name the label name
	 * @return its value, or {@code null} if the series has no such label
	 */
	public String label(String name) {
		return this.labels.get(name);
	}

}
