package dev.wslab.workshop.board;

import java.time.Clock;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the participants' exchange and the board's stream bound to it, and consumes
 * the stream from its first event, so a restarted board rebuilds the room.
 *
 * <p>
 * A stream, unlike a classic queue, keeps what was consumed: RabbitMQ's streams are read
 * over AMQP 0-9-1 with a prefetch, manual acknowledgements and the
 * {@code x-stream-offset} consumer argument (rabbitmq.com/docs/streams, "Consuming").
 */
@Configuration(proxyBeanMethods = false)
class StreamConfig {

	private static final Log logger = LogFactory.getLog(StreamConfig.class);

	@Bean
	TopicExchange workshopExchange(BoardProperties properties) {
		return new TopicExchange(properties.exchange(), true, false);
	}

	@Bean
	Queue boardStream(BoardProperties properties) {
		return QueueBuilder.durable(properties.stream())
			.stream()
			.withArgument("x-max-age", properties.retention())
			.build();
	}

	@Bean
	Binding boardBinding(Queue boardStream, TopicExchange workshopExchange, BoardProperties properties) {
		return BindingBuilder.bind(boardStream).to(workshopExchange).with(properties.bindingKey());
	}

	@Bean
	Room room(BoardProperties properties) {
		return new Room(Exercises.load(properties.catalog()), properties.stuckAfter());
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SimpleMessageListenerContainer boardConsumer(ConnectionFactory connectionFactory, BoardProperties properties,
			Room room, BoardUpdates updates) {
		EventReader reader = new EventReader(properties.maxEventBytes());
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueueNames(properties.stream());
		// Streams need a prefetch and acknowledgements; AUTO acks after each event.
		container.setPrefetchCount(100);
		container.setConsumerArguments(Map.of("x-stream-offset", "first"));
		container.setMessageListener((message) -> {
			String key = message.getMessageProperties().getReceivedRoutingKey();
			switch (reader.read(message.getBody(), key)) {
				case EventReader.Accepted accepted -> {
					try {
						room.apply(accepted.event());
						updates.changed();
					}
					catch (RuntimeException ex) {
						// The container's own loggers are off (BrokerStatus): say it
						// here.
						logger.warn("Dropped an event (routing key " + key + "): it could not be applied: " + ex);
					}
				}
				case EventReader.Dropped dropped ->
					logger.warn("Dropped an event (routing key " + key + "): " + dropped.reason());
			}
		});
		return container;
	}

}
