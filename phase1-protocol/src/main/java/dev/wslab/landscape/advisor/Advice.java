package dev.wslab.landscape.advisor;

/**
 * A recommended transport and the reason, in one sentence.
 *
 * @param transport the transport
 * @param why why it fits
 */
public record Advice(Transport transport, String why) {

}
