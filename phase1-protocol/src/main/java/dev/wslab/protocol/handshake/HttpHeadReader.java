package dev.wslab.protocol.handshake;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HTTP/1.1 request head from a socket, however the bytes are split across TCP
 * reads, and refuses heads larger than a limit instead of buffering without end.
 */
public final class HttpHeadReader {

	private static final byte[] END = { '\r', '\n', '\r', '\n' };

	private final int maxBytes;

	/**
	 * Creates a reader.
	 * @param maxBytes the largest request head accepted, request line included
	 */
	public HttpHeadReader(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Reads up to and including the empty line that ends the head, and not one byte more:
	 * after a 101 the next bytes are frames.
	 * @param in the socket input
	 * @return the parsed head
	 * @throws IOException if the connection ends first
	 * @throws MalformedRequestException if the head is too large (431) or not HTTP (400)
	 */
	public HttpRequestHead read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream(512);
		int matched = 0;
		while (matched < END.length) {
			int next = in.read();
			if (next < 0) {
				throw new EOFException("Connection closed after " + head.size() + " bytes of request head");
			}
			if (head.size() >= this.maxBytes) {
				throw new MalformedRequestException(431, "Request Header Fields Too Large",
						"The request head is larger than " + this.maxBytes + " bytes");
			}
			head.write(next);
			matched = (next == END[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		return parse(head.toString(StandardCharsets.ISO_8859_1));
	}

	static HttpRequestHead parse(String text) {
		String[] lines = text.split("\r\n");
		String[] requestLine = lines[0].split(" ");
		if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
			throw new MalformedRequestException(400, "Bad Request", "Not an HTTP request line: " + lines[0]);
		}
		List<HttpRequestHead.Field> fields = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			if (lines[i].isEmpty()) {
				continue;
			}
			int colon = lines[i].indexOf(':');
			if (colon <= 0 || Character.isWhitespace(lines[i].charAt(colon - 1))) {
				throw new MalformedRequestException(400, "Bad Request", "Malformed header line: " + lines[i]);
			}
			fields.add(new HttpRequestHead.Field(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
		}
		return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], List.copyOf(fields));
	}

}
