package dev.wslab.workshop.board;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * The board's console, for an instructor who keeps it open beside the page: where the
 * page is, one line when the room's events can be read, one line when they cannot and
 * why, and nothing more while that stays so.
 *
 * <p>
 * Spring AMQP's listener container retries a lost broker every 5 s and logs each try at
 * WARN and ERROR with a stack trace; those loggers are off in
 * {@code application.properties}, and this class says what they would have said, once per
 * change, from the container's own events.
 */
@Component
class BrokerStatus {

	private static final Log logger = LogFactory.getLog(BrokerStatus.class);

	enum State {

		STARTING, READING, UNREACHABLE

	}

	private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

	private final AtomicBoolean closing = new AtomicBoolean();

	private final String broker;

	BrokerStatus(RabbitProperties rabbit) {
		this.broker = String.join(",", rabbit.determineAddresses());
	}

	@EventListener
	void serving(WebServerInitializedEvent event) {
		logger.info("Board on http://localhost:" + event.getWebServer().getPort() + "/ (room events from " + this.broker
				+ ")");
	}

	@EventListener
	void reading(ConsumeOkEvent event) {
		if (this.state.getAndSet(State.READING) != State.READING) {
			logger.info("Reading the room's events from " + this.broker + " (stream " + event.getQueue() + ")");
		}
	}

	@EventListener
	void failed(ListenerContainerConsumerFailedEvent event) {
		if (this.closing.get()) {
			return;
		}
		if (this.state.getAndSet(State.UNREACHABLE) != State.UNREACHABLE) {
			Throwable cause = event.getThrowable();
			String why = (cause != null) ? NestedExceptionUtils.getMostSpecificCause(cause).toString()
					: event.getReason();
			logger.warn("Cannot read the room's events from " + this.broker + ": " + why
					+ ". Retrying every 5 s; the page keeps what it has.");
		}
	}

	@EventListener
	void closing(ContextClosedEvent event) {
		this.closing.set(true);
	}

	State state() {
		return this.state.get();
	}

}
