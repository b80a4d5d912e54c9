package dev.wslab.kit.rabbitmq;

import java.io.IOException;
import java.net.Socket;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private broker for drills restarts like a real one: stopped, it refuses connections;
 * started again, it answers on the same ports (a relay reconnects to the host and port it
 * was given) and still knows the users added before, because its data was kept. Runs on
 * whichever provider the kit chose, local process or container.
 */
class RabbitMqRestartTests {

	@Test
	void aRestartedBrokerAnswersOnTheSamePortsAndKeepsItsUsers() throws IOException {
		RabbitMqBroker broker = RabbitMq.startPrivate();
		try {
			String password = UUID.randomUUID().toString();
			broker.addUser("kit-restart", password);
			int stompPort = broker.stompPort();
			int amqpPort = broker.amqpPort();

			RabbitMq.stopKeepingData(broker);

			assertThat(accepts(broker.host(), stompPort)).as("a connection to the stopped broker's STOMP port")
				.isFalse();

			RabbitMq.startAgain(broker);

			assertThat(broker.stompPort()).isEqualTo(stompPort);
			assertThat(broker.amqpPort()).isEqualTo(amqpPort);
			assertThat(StompPing.connects(broker.host(), stompPort, "kit-restart", password))
				.as("a STOMP CONNECT as the user added before the restart")
				.isTrue();
		}
		finally {
			RabbitMq.stop(broker);
		}
	}

	private static boolean accepts(String host, int port) {
		try (Socket socket = new Socket(host, port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
