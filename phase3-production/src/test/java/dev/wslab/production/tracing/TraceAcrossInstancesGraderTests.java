package dev.wslab.production.tracing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.grading.Grades;
import dev.wslab.production.cluster.ChatCluster;
import dev.wslab.production.cluster.ClusterClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.util.MimeTypeUtils;

import static dev.wslab.production.cluster.ClusterClients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Grades exercise 3.14 through the cluster: a trace id per message exchange, across
 * instances. A room message sent on instance A to a subscriber on instance B carries the
 * client's W3C trace id from the SEND to the MESSAGE, found in both instances' log lines
 * and in the delivered frame's {@code traceparent}; a SEND without one, or with one the
 * spec says to ignore, starts a trace of its own, traced on both instances all the same.
 * The tracing around {@link Traceparent} is scaffolding. It needs the relay (3.1) and the
 * log (3.3) to carry a room message at all.
 */
@Grades("3.14")
class TraceAcrossInstancesGraderTests {

	/** Version 00, a trace id, a span id, flags (W3C Trace Context §3.2.2). */
	private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]";

	static ChatCluster cluster;

	static LogLines log;

	static String instanceA;

	static String instanceB;

	@BeforeAll
	static void startCluster() {
		cluster = ChatCluster.shared();
		instanceA = cluster.context(0).getEnvironment().getProperty("wslab.cluster.instance");
		instanceB = cluster.context(1).getEnvironment().getProperty("wslab.cluster.instance");
		log = LogLines.capture(TracedHandling.class.getPackageName());
	}

	@AfterAll
	static void stopCapture() {
		log.close();
	}

	@Test
	void keepsTheClientsTraceIdFromItsSendOnOneInstanceToTheMessageOnTheOtherAndInBothLogs() {
		String traceId = hex(16);
		String clientSpan = hex(8);
		long sendsTimed = timed(0, SendTracing.OBSERVATION);
		long deliveriesTimed = timed(1, DeliveryTracing.OBSERVATION);

		ReceivedFrame delivered = sendOnAReceiveOnB(ClusterClients.room("traced"),
				"00-" + traceId + "-" + clientSpan + "-01");

		assertThat(delivered.header("traceparent"))
			.as("3.14: the delivered MESSAGE's traceparent after a SEND in trace %s", traceId)
			.matches("00-" + traceId + "-[0-9a-f]{16}-01")
			.as("its parent id is the delivering instance's span, not the client's")
			.doesNotContain(clientSpan);
		await("a SEND line on %s and a MESSAGE line on %s in trace %s".formatted(instanceA, instanceB, traceId))
			.atMost(WAIT)
			.untilAsserted(() -> {
				assertThat(log.of(instanceA, traceId)).as("%s's lines in the trace, among %s", instanceA, log.all())
					.anySatisfy((line) -> assertThat(line.message()).startsWith("SEND /app/room."));
				assertThat(log.of(instanceB, traceId)).as("%s's lines in the trace, among %s", instanceB, log.all())
					.anySatisfy((line) -> assertThat(line.message()).startsWith("MESSAGE /topic/room."));
			});
		await("the observations recorded as timers").atMost(WAIT).untilAsserted(() -> {
			assertThat(timed(0, SendTracing.OBSERVATION) - sendsTimed).as("SENDs handled on A").isEqualTo(1);
			assertThat(timed(1, DeliveryTracing.OBSERVATION) - deliveriesTimed).as("deliveries on B").isEqualTo(1);
		});
	}

	@Test
	void startsOneTraceForASendWithoutTraceparentAndDeliversIt() {
		String room = ClusterClients.room("untraced");

		ReceivedFrame delivered = sendOnAReceiveOnB(room, null);

		assertThat(delivered.header("traceparent")).as("3.14: the delivered MESSAGE's traceparent")
			.matches(TRACEPARENT);
		String traceId = delivered.header("traceparent").substring(3, 35);
		assertThat(traceId).as("a trace id is never all zeros (§3.2.2.3)").isNotEqualTo("0".repeat(32));
		await("both instances' lines in the new trace %s".formatted(traceId)).atMost(WAIT).untilAsserted(() -> {
			assertThat(log.of(instanceA, traceId)).as("%s's lines, among %s", instanceA, log.all()).isNotEmpty();
			assertThat(log.of(instanceB, traceId)).as("%s's lines, among %s", instanceB, log.all()).isNotEmpty();
		});
		assertThat(log.all()).as("the SEND's lines on %s: one trace, the delivered one", instanceA)
			.filteredOn(
					(line) -> instanceA.equals(line.instance()) && line.message().startsWith("SEND /app/room." + room))
			.singleElement()
			.extracting(LogLines.Line::traceId)
			.isEqualTo(traceId);
	}

	@ParameterizedTest
	@ValueSource(strings = { "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01",
			"00-00000000000000000000000000000000-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
			"ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra", "00-0af7651916cd43dd8448eb211c80319c",
			"not a traceparent" })
	void replacesAMalformedTraceparentWithAFreshTraceAndStillDelivers(String malformed) {
		ReceivedFrame delivered = sendOnAReceiveOnB(ClusterClients.room("malformed"), malformed);

		assertThat(delivered.header("traceparent"))
			.as("3.14: the delivered MESSAGE's traceparent after SEND with %s", malformed)
			.matches(TRACEPARENT)
			.doesNotContainIgnoringCase("0af7651916cd43dd8448eb211c80319c");
		String traceId = delivered.header("traceparent").substring(3, 35);
		await("3.14: the delivery on %s traced in the new trace %s".formatted(instanceB, traceId)).atMost(WAIT)
			.untilAsserted(() -> assertThat(log.of(instanceB, traceId))
				.as("3.14: %s's lines in the trace, among %s", instanceB, log.all())
				.anySatisfy((line) -> assertThat(line.message()).startsWith("MESSAGE /topic/room.")));
	}

	@Test
	void continuesAHigherVersionsTraceAndDeliversItAsVersion00() {
		// W3C Trace Context §3.2.4: a version above 00 is read for its first four fields.
		String traceId = hex(16);

		ReceivedFrame delivered = sendOnAReceiveOnB(ClusterClients.room("versioned"),
				"cc-" + traceId + "-" + hex(8) + "-09-what-comes-next");

		assertThat(delivered.header("traceparent"))
			.as("3.14: the delivered MESSAGE's traceparent after a SEND with version cc")
			.matches("00-" + traceId + "-[0-9a-f]{16}-01");
		await("3.14: a SEND line on %s in trace %s".formatted(instanceA, traceId)).atMost(WAIT)
			.untilAsserted(() -> assertThat(log.of(instanceA, traceId))
				.as("3.14: %s's lines in the trace, among %s", instanceA, log.all())
				.anySatisfy((line) -> assertThat(line.message()).startsWith("SEND /app/room.")));
	}

	/**
	 * alice sends a room message on instance A, bob receives it on instance B.
	 * @param room the room
	 * @param traceparent the SEND's traceparent, or null for none
	 * @return the MESSAGE bob got
	 */
	private static ReceivedFrame sendOnAReceiveOnB(String room, String traceparent) {
		try (StompTestSession alice = ClusterClients.connect(cluster.port(0), "alice");
				StompTestSession bob = ClusterClients.connect(cluster.port(1), "bob")) {
			FrameQueue onB = bob.subscribeWithReceipt("/topic/room." + room, WAIT);
			StompHeaders send = new StompHeaders();
			send.setDestination("/app/room." + room + ".send");
			send.setContentType(MimeTypeUtils.APPLICATION_JSON);
			if (traceparent != null) {
				send.add("traceparent", traceparent);
			}

			alice.send(send, "{\"text\":\"traced\"}");

			ReceivedFrame delivered = onB.next(WAIT);
			assertThat(alice.errors().size()).as("ERROR frames to alice: a traceparent is never an error").isZero();
			return delivered;
		}
	}

	private static long timed(int instance, String observation) {
		Timer timer = cluster.context(instance)
			.getBean(MeterRegistry.class)
			.find(observation)
			.tag("kind", "room")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
