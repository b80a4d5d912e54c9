package dev.wslab.kit.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prometheus's HTTP API, the few calls the kit needs. */
final class PrometheusApi {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PrometheusApi() {
	}

	static boolean ready(String baseUrl) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready"))
			.timeout(Duration.ofSeconds(2))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
	}

	static JsonNode query(String baseUrl, String promql) {
		URI uri = URI.create(baseUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		HttpResponse<String> response;
		try {
			response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Prometheus at " + baseUrl + " did not answer the query " + promql, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		JsonNode answer = JSON.readTree(response.body());
		if (!"success".equals(answer.path("status").asString())) {
			throw new IllegalStateException("Prometheus refused the query " + promql + " (HTTP " + response.statusCode()
					+ "): " + answer.path("error").asString());
		}
		return answer.path("data");
	}

	static List<Sample> samples(JsonNode data, String promql) {
		if (!"vector".equals(data.path("resultType").asString())) {
			throw new IllegalStateException("The query " + promql + " gave a " + data.path("resultType").asString()
					+ ", not an instant vector; use queryData(...) for it");
		}
		List<Sample> samples = new ArrayList<>();
		for (JsonNode element : data.path("result")) {
			Map<String, String> labels = new LinkedHashMap<>();
			element.path("metric")
				.properties()
				.forEach((label) -> labels.put(label.getKey(), label.getValue().asString()));
			// The value is [unix time, "value as a string"], which may be NaN or +Inf.
			samples.add(new Sample(Map.copyOf(labels), Double.parseDouble(element.path("value").path(1).asString())));
		}
		return List.copyOf(samples);
	}

}
