package dev.wslab.protocol.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseFrames;
import dev.wslab.protocol.frame.ControlFrames;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.ProtocolException;
import dev.wslab.protocol.message.Message;
import dev.wslab.protocol.message.MessageAssembler;

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

	private final OutputStream out;

	private final ServerConfig config;

	private final MessageHandler handler;

	private final String subprotocol;

	private final Object writeLock = new Object();

	private boolean closeSent;

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
		this.out = socket.getOutputStream();
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
		FrameDecoder decoder = new FrameDecoder(this.config.maxFramePayload());
		MessageAssembler assembler = new MessageAssembler(this.config.maxMessageBytes());
		// Every idle connection holds this buffer while it waits in read(): small keeps
		// idle memory
		// low, and the decoder copes with a frame spread over many reads.
		byte[] buffer = new byte[2 * 1024];
		long lastHeard = System.nanoTime();
		this.socket
			.setSoTimeout((int) Math.min(this.config.pingInterval().toMillis(), this.config.idleTimeout().toMillis()));
		try {
			while (true) {
				int read;
				try {
					read = this.in.read(buffer);
				}
				catch (SocketTimeoutException silence) {
					if (System.nanoTime() - lastHeard >= this.config.idleTimeout().toNanos()) {
						closeAndDrain(CloseCode.GOING_AWAY, "idle timeout");
						return;
					}
					// §5.5.2: a ping checks that the peer is still there; its pong resets
					// the silence.
					write(Frame.ping("keepalive".getBytes(StandardCharsets.US_ASCII)));
					continue;
				}
				if (read < 0) {
					// TCP ended without a close frame: the peer reports 1006, and there
					// is nothing to send.
					return;
				}
				lastHeard = System.nanoTime();
				for (Frame frame : decoder.decode(ByteBuffer.wrap(buffer, 0, read))) {
					switch (frame.opcode()) {
						case PING, PONG -> ControlFrames.answer(frame).ifPresent(this::write);
						case CLOSE -> {
							// §5.5.1: answer with a close, then §7.1.1: the server closes
							// TCP first.
							write(CloseFrames.replyTo(frame.payload()));
							return;
						}
						default ->
							assembler.accept(frame).ifPresent((message) -> this.handler.onMessage(this, message));
					}
				}
			}
		}
		catch (ProtocolException ex) {
			closeAndDrain(ex.closeCode(), ex.getMessage());
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		catch (RuntimeException ex) {
			closeAndDrain(CloseCode.INTERNAL_ERROR, "internal error");
			throw ex;
		}
	}

	@Override
	public void send(Message message) {
		write(new Frame(true, 0, message.type(), message.payload()));
	}

	@Override
	public boolean isOpen() {
		synchronized (this.writeLock) {
			return !this.closeSent && !this.socket.isClosed();
		}
	}

	@Override
	public String subprotocol() {
		return this.subprotocol;
	}

	/**
	 * Sends a close frame, then gives the peer a moment to answer before TCP goes away.
	 */
	private void closeAndDrain(int code, String reason) {
		try {
			write(CloseFrames.close(code, CloseFrames.truncate(reason)));
			this.socket.shutdownOutput();
			this.socket.setSoTimeout((int) this.config.closeTimeout().toMillis());
			byte[] discard = new byte[4096];
			while (this.in.read(discard) >= 0) {
				// The peer's close frame, and anything it sent before it, is read and
				// dropped.
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// The peer is gone, or did not close in time: dropping TCP is all that is
			// left.
		}
	}

	private void write(Frame frame) {
		synchronized (this.writeLock) {
			// §5.5.1: after sending a close frame, an endpoint sends no more data.
			if (this.closeSent) {
				return;
			}
			try {
				this.out.write(FrameEncoder.encode(frame));
				this.out.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.closeSent = frame.opcode() == Opcode.CLOSE;
		}
	}

}
