package dev.wslab.kit.prometheus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a {@code prometheus.yml} that scrapes the given targets, one job per job name.
 */
final class PrometheusConfig {

	private PrometheusConfig() {
	}

	/**
	 * Renders the configuration.
	 * @param interval the scrape and evaluation interval
	 * @param targets what to scrape; targets of one job share one metrics path
	 * @param address maps a target to the address Prometheus dials, which differs for a
	 * container; the {@code instance} label stays {@link ScrapeTarget#instance()}
	 */
	static String render(Duration interval, List<ScrapeTarget> targets, Function<ScrapeTarget, String> address) {
		Map<String, List<ScrapeTarget>> jobs = new LinkedHashMap<>();
		for (ScrapeTarget target : targets) {
			List<ScrapeTarget> job = jobs.computeIfAbsent(target.job(), (name) -> new java.util.ArrayList<>());
			if (!job.isEmpty() && !job.get(0).metricsPath().equals(target.metricsPath())) {
				throw new IllegalArgumentException("The targets of job " + target.job()
						+ " have different metrics paths; give them different job names");
			}
			job.add(target);
		}
		StringBuilder yaml = new StringBuilder("""
				global:
				  scrape_interval: %1$dms
				  scrape_timeout: %1$dms
				  evaluation_interval: %1$dms
				scrape_configs:
				""".formatted(interval.toMillis()));
		jobs.forEach((name, members) -> {
			yaml.append("""
					  - job_name: '%s'
					    metrics_path: '%s'
					    static_configs:
					""".formatted(name, members.get(0).metricsPath()));
			for (ScrapeTarget target : members) {
				yaml.append("""
						      - targets: ['%s']
						        labels:
						          instance: '%s'
						""".formatted(address.apply(target), target.instance()));
			}
		});
		return yaml.toString();
	}

}
