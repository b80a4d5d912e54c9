package dev.wslab.landscape.advisor;

/**
 * What a feature needs from its transport.
 *
 * @param clientSendsToo the client also sends messages over the channel, not only
 * receives
 * @param browserClient the client is a browser rather than another backend
 * @param typedContracts the two sides want a schema-checked contract such as protobuf
 * @param multiplexingOrDatagrams it needs many independent streams, or unreliable
 * delivery
 * @param safariRequired Safari users must be served
 * @param persistentConnectionsAllowed the network path tolerates long-lived connections
 * @param infrequentUpdates updates are rare and a delay of seconds is acceptable
 */
public record Requirements(boolean clientSendsToo, boolean browserClient, boolean typedContracts,
		boolean multiplexingOrDatagrams, boolean safariRequired, boolean persistentConnectionsAllowed,
		boolean infrequentUpdates) {

}
