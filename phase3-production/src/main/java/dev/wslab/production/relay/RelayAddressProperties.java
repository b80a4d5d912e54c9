package dev.wslab.production.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay's broker address list, for a RabbitMQ cluster ({@code wslab.relay.*}). Unset,
 * the relay connects to {@code wslab.broker.host} and {@code stomp-port} alone, as
 * exercise 3.1 configures it.
 *
 * @param addresses every node's STOMP listener, {@code host:port,host:port}
 * ({@link BrokerAddresses}, exercise 3.12), or null for the single broker
 * @param restartClientsOnBrokerLoss when the relay's system session is lost, ask every
 * client to reconnect ({@link ClientsFollowTheRelay})
 */
@ConfigurationProperties("wslab.relay")
public record RelayAddressProperties(String addresses, @DefaultValue("false") boolean restartClientsOnBrokerLoss) {
}
