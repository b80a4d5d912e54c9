package dev.wslab.landscape.advisor;

import dev.wslab.kit.grading.Grades;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Grades exercise 1.18: the transport decision flowchart, on a table of scenarios. */
@Grades("1.18")
class TransportAdvisorGraderTests {

	@ParameterizedTest(name = "{0} -> {8}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# scenario                               | sends | browser | typed | mux   | safari | persistent | rare  | expected
					live sports scores in a browser          | false | true    | false | false | true   | true       | false | SSE
					LLM tokens streamed to a browser         | false | true    | false | false | true   | true       | false | SSE
					notifications dashboard                  | false | true    | false | false | false  | true       | false | SSE
					chat in a browser                        | true  | true    | false | false | true   | true       | false | WEBSOCKET
					collaborative editor                     | true  | true    | false | false | true   | true       | false | WEBSOCKET
					multiplayer game state, Safari needed    | true  | true    | false | true  | true   | true       | false | WEBSOCKET
					multiplayer game, Chromium only          | true  | true    | false | true  | false  | true       | false | WEBTRANSPORT
					service to service price stream          | false | false   | true  | false | false  | true       | false | GRPC_STREAMING
					two backends exchanging orders           | true  | false   | true  | false | false  | true       | false | GRPC_STREAMING
					behind a proxy that kills long requests  | false | true    | false | false | true   | false      | false | LONG_POLLING
					hourly report ready                      | false | true    | false | false | true   | true       | true  | SHORT_POLLING
					rare updates, no persistent connections  | false | true    | false | false | true   | false      | true  | SHORT_POLLING
					""")
	void recommendsTheSimplestTransportThatMeetsTheNeed(String scenario, boolean sends, boolean browser, boolean typed,
			boolean mux, boolean safari, boolean persistent, boolean rare, Transport expected) {
		Advice advice = TransportAdvisor.advise(new Requirements(sends, browser, typed, mux, safari, persistent, rare));

		assertThat(advice.transport()).as("%s", scenario).isEqualTo(expected);
		assertThat(advice.why()).as("the advice says why").isNotBlank();
	}

}
