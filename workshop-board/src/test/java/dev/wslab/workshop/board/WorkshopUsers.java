package dev.wslab.workshop.board;

import java.time.Duration;
import java.util.Map;

import dev.wslab.kit.rabbitmq.RabbitMqBroker;
import dev.wslab.kit.workshop.WorkshopSettings;

/**
 * The two users of the README's "For workshops" section, created with the same
 * {@code rabbitmqctl} lines, so that the tests prove those lines.
 */
final class WorkshopUsers {

	static final String PARTICIPANT = "wslab-participant";

	static final String BOARD = "wslab-board";

	static final String PASSWORD = "workshop-secret";

	static final Duration WAIT = Duration.ofSeconds(10);

	private static volatile boolean created;

	private WorkshopUsers() {
	}

	static synchronized void create(RabbitMqBroker broker) {
		if (created) {
			return;
		}
		// rabbitmqctl set_permissions -p / <user> <configure> <write> <read>
		broker.addUser(PARTICIPANT, PASSWORD);
		broker.rabbitmqctl("set_permissions", "-p", broker.virtualHost(), PARTICIPANT, "^$", "^wslab\\.workshop$",
				"^$");
		broker.addUser(BOARD, PASSWORD);
		broker.rabbitmqctl("set_permissions", "-p", broker.virtualHost(), BOARD, "^wslab\\.workshop(\\.board)?$",
				"^wslab\\.workshop\\.board$", "^wslab\\.workshop(\\.board)?$");
		created = true;
	}

	static String url(RabbitMqBroker broker, String workshop) {
		return "stomp://" + PARTICIPANT + ":" + PASSWORD + "@" + broker.host() + ":" + broker.stompPort() + "/"
				+ workshop + "?vhost=" + broker.virtualHost();
	}

	static WorkshopSettings participant(RabbitMqBroker broker, String workshop, String name) {
		return WorkshopSettings.parse(url(broker, workshop), name);
	}

	static Map<String, String> joined(RabbitMqBroker broker, String workshop, String name) {
		return Map.of(WorkshopSettings.URL_VARIABLE, url(broker, workshop), WorkshopSettings.NAME_VARIABLE, name);
	}

}
