package dev.wslab.protocol.deflate;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.frame.ProtocolException;

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

	private static final byte[] TAIL = { 0x00, 0x00, (byte) 0xFF, (byte) 0xFF };

	private PerMessageDeflate() {
	}

	/**
	 * Decides the answer to the client's {@code Sec-WebSocket-Extensions} offers (RFC
	 * 7692 §5, §7.1).
	 * @param offers the header values, each a comma-separated list of offers
	 * @return the response header value when a permessage-deflate offer can be accepted
	 */
	public static Optional<String> negotiate(List<String> offers) {
		for (String value : offers) {
			for (String offer : value.split(",")) {
				String[] parts = offer.trim().split(";");
				if (!parts[0].trim().equalsIgnoreCase("permessage-deflate")) {
					continue;
				}
				if (acceptable(parts)) {
					return Optional.of(ACCEPTED);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * §7.1: refuse an offer with unknown parameters or a server window the server will
	 * not honour.
	 */
	private static boolean acceptable(String[] parts) {
		for (int i = 1; i < parts.length; i++) {
			String name = parts[i].trim().split("=")[0].trim().toLowerCase(Locale.ROOT);
			switch (name) {
				case "server_no_context_takeover", "client_no_context_takeover", "client_max_window_bits" -> {
				}
				case "server_max_window_bits" -> {
					String[] pair = parts[i].split("=");
					// A server may not use a smaller window than 15 with java.util.zip;
					// decline.
					if (pair.length != 2 || !pair[1].trim().replace("\"", "").equals("15")) {
						return false;
					}
				}
				default -> {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Compresses one whole message.
	 * @param message the uncompressed message
	 * @return the payload to send, with RSV1 set on its first frame
	 */
	public static byte[] compress(byte[] message) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		try {
			deflater.setInput(message);
			ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 16);
			byte[] chunk = new byte[4096];
			// SYNC_FLUSH ends the data with an empty stored block: the 00 00 FF FF §7.2.1
			// removes.
			int written;
			do {
				written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
				out.write(chunk, 0, written);
			}
			while (written == chunk.length);
			byte[] data = out.toByteArray();
			return java.util.Arrays.copyOf(data, data.length - TAIL.length);
		}
		finally {
			deflater.end();
		}
	}

	/**
	 * Decompresses one whole message, refusing output past the limit.
	 * @param payload the compressed message, as received
	 * @param maxMessageBytes the largest decompressed message accepted
	 * @return the message
	 * @throws ProtocolException with 1009 past the limit, 1007 for data that is not
	 * DEFLATE
	 */
	public static byte[] decompress(byte[] payload, long maxMessageBytes) {
		Inflater inflater = new Inflater(true);
		try {
			byte[] input = java.util.Arrays.copyOf(payload, payload.length + TAIL.length);
			System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
			inflater.setInput(input);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] chunk = new byte[4096];
			while (!inflater.needsInput() && !inflater.finished()) {
				int read = inflater.inflate(chunk);
				if (out.size() + (long) read > maxMessageBytes) {
					throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
							"decompressed message exceeds " + maxMessageBytes + " bytes");
				}
				out.write(chunk, 0, read);
				if (read == 0 && inflater.needsDictionary()) {
					break;
				}
			}
			return out.toByteArray();
		}
		catch (DataFormatException ex) {
			throw new ProtocolException(CloseCode.INVALID_PAYLOAD, "compressed data is not valid DEFLATE");
		}
		finally {
			inflater.end();
		}
	}

}
