package dev.wslab.protocol.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import dev.wslab.protocol.message.Message;

/**
 * Exercise 1.12: the frame loop of one connection, run on the connection's own virtual
 * thread after a successful handshake.
 *
 * <p>
 * It reads whatever TCP delivers, decodes frames, answers control frames at once (even
 * between the fragments of a message), hands complete messages to the handler, pings a
 * silent peer and closes an idle one. Every protocol error closes this connection alone,
 * with the code the error carries.
 */
public final class Connection implements Session {

	private final Socket socket;

	private final InputStream in;

	private final ServerConfig config;

	private final MessageHandler handler;

	private final String subprotocol;

	/**
	 * Creates the connection; {@link #run()} serves it.
	 * @param socket the socket, after the 101 response was sent
	 * @param in the socket's input, positioned at the first frame byte
	 * @param config limits and timings
	 * @param handler what to do with messages
	 * @param subprotocol the negotiated subprotocol, or null
	 * @throws IOException if the socket's output cannot be had
	 */
	public Connection(Socket socket, InputStream in, ServerConfig config, MessageHandler handler, String subprotocol)
			throws IOException {
		this.socket = socket;
		this.in = in;
		this.config = config;
		this.handler = handler;
		this.subprotocol = subprotocol;
	}

	/**
	 * Serves the connection until it closes. Returns when the close handshake is done or
	 * TCP is gone; the caller then closes the socket.
	 * @throws IOException if the socket fails
	 */
	public void run() throws IOException {
		// TODO(1.12): loop: read from this.in (with a socket timeout of
		// config.pingInterval()), decode
		// with a FrameDecoder, answer PING/PONG with ControlFrames, answer CLOSE with
		// CloseFrames.replyTo and return, pass data frames to a MessageAssembler and
		// complete messages
		// to this.handler. On a read timeout, ping, or close with 1001 once
		// config.idleTimeout() passed
		// in silence. On a ProtocolException, send its close code, shut down output,
		// drain briefly.
		throw new UnsupportedOperationException("TODO(1.12): write the connection's frame loop in Connection.run");
	}

	@Override
	public void send(Message message) {
		// TODO(1.12): encode one final frame with FrameEncoder; writes from many threads
		// must not
		// interleave, and nothing may be sent after a close frame.
		throw new UnsupportedOperationException("TODO(1.12): send a message in Connection.send");
	}

	@Override
	public boolean isOpen() {
		// TODO(1.12): open until a close frame was sent or the socket closed.
		throw new UnsupportedOperationException(
				"TODO(1.12): report whether the connection is open in Connection.isOpen");
	}

	@Override
	public String subprotocol() {
		return this.subprotocol;
	}

}
