package dev.wslab.kit.rabbitmq;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.wslab.kit.client.stomp.FrameQueue;
import dev.wslab.kit.client.stomp.ReceivedFrame;
import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared broker really speaks STOMP over TCP, STOMP over WebSocket and AMQP. */
@WithRabbitMq
class RabbitMqStompTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void stompOverTcpConnectSubscribeSendAndReceiveTheMessage(RabbitMqBroker broker) {
		String topic = broker.uniqueTopic("kit");

		try (StompTestSession session = StompTestClient.overTcp(broker.host(), broker.stompPort(), login(broker),
				WAIT)) {
			FrameQueue messages = session.subscribeWithReceipt(topic, WAIT);
			session.sendJson(topic, """
					{"text":"hello over tcp"}""");

			ReceivedFrame message = messages.next(WAIT);
			assertThat(message.command()).isEqualTo("MESSAGE");
			assertThat(message.header("destination")).isEqualTo(topic);
			assertThat(message.body()).isEqualTo("""
					{"text":"hello over tcp"}""");
		}
	}

	@Test
	void stompOverWebSocketReachesSubscribersOnTheTcpListener(RabbitMqBroker broker) {
		String topic = broker.uniqueTopic("kit-ws");

		try (StompTestSession tcp = StompTestClient.overTcp(broker.host(), broker.stompPort(), login(broker), WAIT);
				StompTestSession ws = StompTestClient.overWebSocket(URI.create(broker.webStompUrl()), login(broker),
						WAIT)) {
			FrameQueue messages = tcp.subscribeWithReceipt(topic, WAIT);
			ws.sendJson(topic, "{\"text\":\"from a websocket\"}");

			assertThat(messages.next(WAIT).body()).isEqualTo("{\"text\":\"from a websocket\"}");
		}
	}

	@Test
	void uniqueDestinationsKeepTestsApart(RabbitMqBroker broker) {
		String mine = broker.uniqueTopic("iso");
		String theirs = broker.uniqueTopic("iso");

		try (StompTestSession session = StompTestClient.overTcp(broker.host(), broker.stompPort(), login(broker),
				WAIT)) {
			FrameQueue mineQueue = session.subscribeWithReceipt(mine, WAIT);
			session.sendJson(theirs, "{\"n\":1}");
			session.sendJson(mine, "{\"n\":2}");

			assertThat(mine).isNotEqualTo(theirs);
			assertThat(mineQueue.next(WAIT).body()).isEqualTo("{\"n\":2}");
			assertThat(mineQueue.size()).isZero();
		}
	}

	@Test
	void amqpListenerAnswersTheProtocolHeaderWithConnectionStart(RabbitMqBroker broker) throws Exception {
		try (Socket socket = new Socket(broker.host(), broker.amqpPort())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(new byte[] { 'A', 'M', 'Q', 'P', 0, 0, 9, 1 });
			out.flush();
			InputStream in = socket.getInputStream();

			byte[] frame = in.readNBytes(11);

			// AMQP 0-9-1 §4.2.3: a method frame (type 1) on channel 0 carrying
			// connection.start (class 10, method 10).
			assertThat(frame[0]).isEqualTo((byte) 1);
			assertThat(new byte[] { frame[7], frame[8], frame[9], frame[10] }).containsExactly(0, 10, 0, 10);
		}
	}

	@Test
	void credentialsAreThoseTheBrokerAccepts(RabbitMqBroker broker) {
		StompHeaders wrong = login(broker);
		wrong.setPasscode("not-the-password");

		try (StompTestSession session = StompTestClient.overTcp(broker.host(), broker.stompPort(), login(broker),
				WAIT)) {
			assertThat(session.isConnected()).isTrue();
		}
		assertThatThrownBy(
				() -> StompTestClient.overTcp(broker.host(), broker.stompPort(), wrong, Duration.ofSeconds(5)))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Could not connect");
	}

	static StompHeaders login(RabbitMqBroker broker) {
		StompHeaders headers = new StompHeaders();
		headers.setLogin(broker.username());
		headers.setPasscode(broker.password());
		headers.setHost(broker.virtualHost());
		return headers;
	}

}
