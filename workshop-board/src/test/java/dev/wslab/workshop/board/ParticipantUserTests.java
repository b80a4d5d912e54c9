package dev.wslab.workshop.board;

import java.time.Instant;
import java.util.UUID;

import dev.wslab.kit.client.stomp.StompTestClient;
import dev.wslab.kit.client.stomp.StompTestSession;
import dev.wslab.kit.rabbitmq.RabbitMqBroker;
import dev.wslab.kit.rabbitmq.WithRabbitMq;
import dev.wslab.kit.workshop.ProgressEvent;
import dev.wslab.kit.workshop.WorkshopPublisher;
import dev.wslab.kit.workshop.WorkshopSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The participant user of the README may publish to the workshop's exchange and do
 * nothing else: not read anybody's events, not declare a queue, not write elsewhere.
 */
@WithRabbitMq
class ParticipantUserTests {

	private static final String WORKSHOP = "perm" + UUID.randomUUID().toString().substring(0, 6);

	private static CachingConnectionFactory admin;

	private static Queue probe;

	@BeforeAll
	static void exchangeAndProbe(RabbitMqBroker broker) {
		WorkshopUsers.create(broker);
		admin = new CachingConnectionFactory(broker.host(), broker.amqpPort());
		admin.setUsername(broker.username());
		admin.setPassword(broker.password());
		admin.setVirtualHost(broker.virtualHost());
		RabbitAdmin rabbitAdmin = new RabbitAdmin(admin);
		TopicExchange exchange = new TopicExchange(WorkshopSettings.EXCHANGE, true, false);
		probe = new Queue("wslab.probe." + WORKSHOP, false, true, true);
		rabbitAdmin.declareExchange(exchange);
		rabbitAdmin.declareQueue(probe);
		rabbitAdmin.declareBinding(BindingBuilder.bind(probe).to(exchange).with(WORKSHOP + ".*"));
	}

	@AfterAll
	static void closeAdmin() {
		admin.destroy();
	}

	@Test
	void publishesItsEventToTheWorkshopExchange(RabbitMqBroker broker) {
		WorkshopSettings alice = WorkshopUsers.participant(broker, WORKSHOP, "alice");

		WorkshopPublisher.Outcome outcome = WorkshopPublisher.publish(alice, ProgressEvent.joined(alice, Instant.now()),
				WorkshopUsers.WAIT);

		assertThat(outcome.delivered()).as(outcome.line()).isTrue();
		Message routed = new RabbitTemplate(admin).receive(probe.getName(), WorkshopUsers.WAIT.toMillis());
		assertThat(routed).isNotNull();
		assertThat(routed.getMessageProperties().getReceivedRoutingKey()).isEqualTo(WORKSHOP + ".alice");
		assertThat(new String(routed.getBody())).contains("\"kind\":\"joined\"", "\"participant\":\"alice\"");
	}

	@Test
	void cannotSubscribeToTheOthersEvents(RabbitMqBroker broker) {
		// A STOMP SUBSCRIBE to /exchange declares a private queue and binds it: configure
		// and read are refused.
		assertThat(refusal(broker, (session) -> session.subscribe("/exchange/wslab.workshop/" + WORKSHOP + ".*")))
			.containsIgnoringCase("access_refused");
		assertThat(refusal(broker, (session) -> session.subscribe("/amq/queue/wslab.workshop.board")))
			.containsIgnoringCase("access_refused");
	}

	@Test
	void cannotDeclareAQueueNorWriteAnywhereElse(RabbitMqBroker broker) {
		assertThat(refusal(broker, (session) -> session.sendJson("/queue/participant-made", "{}")))
			.containsIgnoringCase("access_refused");
		assertThat(refusal(broker, (session) -> session.sendJson("/exchange/amq.topic/" + WORKSHOP + ".bob", "{}")))
			.containsIgnoringCase("access_refused");
		assertThat(refusal(broker, (session) -> session.sendJson("/topic/" + WORKSHOP, "{}")))
			.containsIgnoringCase("access_refused");
	}

	@Test
	void withTopicPermissionsPublishesOnlyUnderItsOwnName(RabbitMqBroker broker) {
		// The README's per-person variant: one user per participant, its routing key
		// pinned
		// by RabbitMQ's topic permissions (checked on every publish to a topic exchange).
		String user = "p-carol-" + WORKSHOP;
		broker.addUser(user, WorkshopUsers.PASSWORD);
		broker.rabbitmqctl("set_permissions", "-p", broker.virtualHost(), user, "^$", "^wslab\\.workshop$", "^$");
		broker.rabbitmqctl("set_topic_permissions", "-p", broker.virtualHost(), user, WorkshopSettings.EXCHANGE,
				"^" + WORKSHOP + "\\.carol$", "^$");
		Queue carolsProbe = new Queue("wslab.probe.carol." + WORKSHOP, false, false, false);
		RabbitAdmin rabbitAdmin = new RabbitAdmin(admin);
		TopicExchange exchange = new TopicExchange(WorkshopSettings.EXCHANGE, true, false);
		rabbitAdmin.declareQueue(carolsProbe);
		rabbitAdmin.declareBinding(BindingBuilder.bind(carolsProbe).to(exchange).with(WORKSHOP + ".carol"));
		rabbitAdmin.declareBinding(BindingBuilder.bind(carolsProbe).to(exchange).with(WORKSHOP + ".dave"));
		String url = "stomp://" + user + ":" + WorkshopUsers.PASSWORD + "@" + broker.host() + ":" + broker.stompPort()
				+ "/" + WORKSHOP + "?vhost=" + broker.virtualHost();
		WorkshopSettings carol = WorkshopSettings.parse(url, "carol");
		WorkshopSettings carolAsDave = WorkshopSettings.parse(url, "dave");

		WorkshopPublisher.Outcome own = WorkshopPublisher.publish(carol, ProgressEvent.joined(carol, Instant.now()),
				WorkshopUsers.WAIT);
		WorkshopPublisher.Outcome forged = WorkshopPublisher.publish(carolAsDave,
				ProgressEvent.joined(carolAsDave, Instant.now()), WorkshopUsers.WAIT);

		assertThat(own.delivered()).as(own.line()).isTrue();
		assertThat(forged.delivered()).as(forged.line()).isFalse();
		assertThat(forged.line()).containsIgnoringCase("access_refused");
		RabbitTemplate template = new RabbitTemplate(admin);
		Message routed = template.receive(carolsProbe.getName(), WorkshopUsers.WAIT.toMillis());
		assertThat(routed).isNotNull();
		assertThat(routed.getMessageProperties().getReceivedRoutingKey()).isEqualTo(WORKSHOP + ".carol");
		// Both keys are bound to this queue. The broker answered the forged SEND with an
		// ERROR before the publisher returned, so had it routed the event, it would be
		// here.
		assertThat(template.receive(carolsProbe.getName())).isNull();
		rabbitAdmin.deleteQueue(carolsProbe.getName());
	}

	private static String refusal(RabbitMqBroker broker, java.util.function.Consumer<StompTestSession> attempt) {
		StompHeaders login = new StompHeaders();
		login.setLogin(WorkshopUsers.PARTICIPANT);
		login.setPasscode(WorkshopUsers.PASSWORD);
		login.setHost(broker.virtualHost());
		StompTestSession session = StompTestClient.overTcp(broker.host(), broker.stompPort(), login,
				WorkshopUsers.WAIT);
		try {
			attempt.accept(session);
		}
		catch (IllegalStateException | MessageDeliveryException ex) {
			// The refusal may close the connection before the client's own send returns.
		}
		String error = session.errors().next(WorkshopUsers.WAIT).toString();
		// The broker closes the connection after its ERROR frame; the kit's close
		// tolerates a DISCONNECT that finds it gone.
		session.close();
		return error;
	}

}
