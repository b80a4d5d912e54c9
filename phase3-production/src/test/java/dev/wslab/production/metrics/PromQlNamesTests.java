package dev.wslab.production.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlNamesTests {

	@Test
	void findsTheBucketsInsideAQuantileOfARate() {
		String promql = """
				histogram_quantile(0.99, sum by (le) (rate(wslab_chat_delivery_latency_seconds_bucket[$__rate_interval])))""";

		assertThat(PromQlNames.of(promql)).containsExactly("wslab_chat_delivery_latency_seconds_bucket");
	}

	@Test
	void skipsLabelsMatchersGroupingAndGrafanaVariables() {
		String promql = """
				sum without (instance) (rate(wslab_chat_errors_total{code="rate-limited", instance=~"$instance"}[5m] offset 1m))
				/ on (job) group_left sum(rate(wslab_chat_messages_in_total{kind='room'}[${__interval}])) by (job)""";

		assertThat(PromQlNames.of(promql)).containsExactly("wslab_chat_errors_total", "wslab_chat_messages_in_total");
	}

	@Test
	void findsEveryOperandOfArithmeticAndNoNumbers() {
		String promql = "rate(a_seconds_sum[1m]) / rate(a_seconds_count[1m]) * 1e3 > bool 0.5 or b_total";

		assertThat(PromQlNames.of(promql)).containsExactly("a_seconds_sum", "a_seconds_count", "b_total");
	}

}
