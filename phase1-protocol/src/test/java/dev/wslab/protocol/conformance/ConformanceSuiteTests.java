package dev.wslab.protocol.conformance;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.wslab.protocol.server.MessageHandler;
import dev.wslab.protocol.server.ServerConfig;
import dev.wslab.protocol.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite: every case of {@link ConformanceCases} against one running echo
 * server, which must keep serving through all of them. A failure names the case, the RFC
 * rule and the transcript of every client the case used. A per-group summary is printed
 * at the end and written to {@code target/conformance-summary.md}.
 */
class ConformanceSuiteTests {

	private static final Map<String, int[]> SUMMARY = new TreeMap<>();

	private static WebSocketServer server;

	@BeforeAll
	static void startServer() throws IOException {
		server = WebSocketServer.start(ServerConfig.defaults(0).withLimits(1 << 20, 1 << 20), MessageHandler.ECHO);
	}

	@AfterAll
	static void stopServerAndSummarize() throws IOException {
		server.close();
		StringBuilder table = new StringBuilder("| Group | Passed | Cases |\n| --- | --- | --- |\n");
		SUMMARY.forEach((group, counts) -> table.append("| ")
			.append(group)
			.append(" | ")
			.append(counts[0])
			.append(" | ")
			.append(counts[1])
			.append(" |\n"));
		System.out.println("RFC 6455 conformance summary\n" + table);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "conformance-summary.md"), "# RFC 6455 conformance\n\n" + table);
	}

	@TestFactory
	Stream<DynamicTest> everyServerRuleOfRfc6455() {
		return ConformanceCases.all()
			.stream()
			.map((testCase) -> DynamicTest.dynamicTest(testCase.toString(), () -> run(testCase)));
	}

	private static void run(ConformanceCase testCase) throws Exception {
		int[] counts = SUMMARY.computeIfAbsent(testCase.group(), (group) -> new int[2]);
		counts[1]++;
		URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
		int failuresBefore = server.failures().size();
		try (Probe probe = new Probe(uri)) {
			try {
				testCase.body().run(probe);
			}
			catch (AssertionError | IOException ex) {
				AssertionError failure = new AssertionError("Case " + testCase.id() + " (" + testCase.rfc() + "): "
						+ testCase.title() + "\n" + ex.getMessage() + "\nTranscripts:\n" + probe.transcripts()
						+ server.failures()
							.stream()
							.findFirst()
							.map((inside) -> "Inside the server: " + inside)
							.orElse(""),
						ex);
				server.failures().stream().skip(failuresBefore).findFirst().ifPresent(failure::addSuppressed);
				throw failure;
			}
		}
		counts[0]++;
	}

}
