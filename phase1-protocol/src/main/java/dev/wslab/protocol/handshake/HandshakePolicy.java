package dev.wslab.protocol.handshake;

import java.util.List;
import java.util.Set;

/**
 * What a server accepts in an opening handshake.
 *
 * @param path the WebSocket path, such as {@code /echo}
 * @param allowedOrigins the exact {@code Origin} values browsers may connect from; a
 * request with no {@code Origin} (a non-browser client) is allowed
 * @param subprotocols the subprotocols the server speaks, most preferred first
 */
public record HandshakePolicy(String path, Set<String> allowedOrigins, List<String> subprotocols) {

}
