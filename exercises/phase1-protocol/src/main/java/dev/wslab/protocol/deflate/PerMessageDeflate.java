package dev.wslab.protocol.deflate;

import java.util.List;
import java.util.Optional;

/**
 * Exercise 1.13 (stretch): the permessage-deflate extension (RFC 7692), negotiated
 * without context takeover so every message is compressed on its own.
 *
 * <p>
 * A compressed message is the raw DEFLATE data of the whole message with the final empty
 * stored block's four bytes {@code 00 00 FF FF} removed (§7.2.1); the receiver appends
 * them back before inflating (§7.2.2). The first frame of such a message has RSV1 set.
 * Decompression is bounded: a few kilobytes can expand to gigabytes, so the limit applies
 * to the output.
 */
public final class PerMessageDeflate {

	/** The response header value this server sends when it accepts the extension. */
	public static final String ACCEPTED = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

	private PerMessageDeflate() {
	}

	/**
	 * Decides the answer to the client's {@code Sec-WebSocket-Extensions} offers (RFC
	 * 7692 §5, §7.1).
	 * @param offers the header values, each a comma-separated list of offers
	 * @return the response header value when a permessage-deflate offer can be accepted
	 */
	public static Optional<String> negotiate(List<String> offers) {
		// TODO(1.13): accept the first permessage-deflate offer whose parameters are all
		// known
		// (server_/client_no_context_takeover, client_max_window_bits,
		// server_max_window_bits=15).
		throw new UnsupportedOperationException(
				"TODO(1.13): negotiate permessage-deflate in PerMessageDeflate.negotiate");
	}

	/**
	 * Compresses one whole message.
	 * @param message the uncompressed message
	 * @return the payload to send, with RSV1 set on its first frame
	 */
	public static byte[] compress(byte[] message) {
		// TODO(1.13): a raw Deflater (nowrap = true), SYNC_FLUSH, then drop the trailing
		// 00 00 FF FF.
		throw new UnsupportedOperationException("TODO(1.13): compress a message in PerMessageDeflate.compress");
	}

	/**
	 * Decompresses one whole message, refusing output past the limit.
	 * @param payload the compressed message, as received
	 * @param maxMessageBytes the largest decompressed message accepted
	 * @return the message
	 * @throws dev.wslab.protocol.frame.ProtocolException with 1009 past the limit, 1007
	 * for data that is not DEFLATE
	 */
	public static byte[] decompress(byte[] payload, long maxMessageBytes) {
		// TODO(1.13): append 00 00 FF FF, inflate with a raw Inflater chunk by chunk, and
		// stop with
		// 1009 as soon as the output passes maxMessageBytes (a decompression bomb).
		throw new UnsupportedOperationException("TODO(1.13): decompress a message in PerMessageDeflate.decompress");
	}

}
