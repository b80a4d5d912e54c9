package dev.wslab.production.relay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the broker is, and how the chat logs in to it ({@code wslab.broker.*}).
 *
 * @param host the broker's host
 * @param stompPort the port of RabbitMQ's STOMP plugin
 * @param login the chat's own broker user, never {@code guest}
 * @param passcode that user's password
 * @param virtualHost the RabbitMQ virtual host; the relay must name it
 * @param heartbeat the heartbeat interval between the relay and the broker, both ways
 */
@ConfigurationProperties("wslab.broker")
public record RelayProperties(String host, int stompPort, String login, String passcode, String virtualHost,
		Duration heartbeat) {

	/**
	 * Returns the heartbeat interval in milliseconds, as the relay takes it.
	 * @return the interval
	 */
	public long heartbeatMillis() {
		return this.heartbeat.toMillis();
	}

}
