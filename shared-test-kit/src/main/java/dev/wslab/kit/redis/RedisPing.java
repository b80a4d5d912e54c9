package dev.wslab.kit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Proves a Redis ready by using it: {@code AUTH} with the password, then {@code PING},
 * answered {@code +OK} and {@code +PONG} in RESP.
 */
final class RedisPing {

	private static final String ANSWER = "+OK\r\n+PONG\r\n";

	private RedisPing() {
	}

	static boolean pongs(String host, int port, String password) throws IOException {
		try (Socket socket = new Socket(host, port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write((command("AUTH", password) + command("PING")).getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(ANSWER.length());
			return new String(answer, StandardCharsets.UTF_8).equals(ANSWER);
		}
	}

	/** A RESP array of bulk strings, the form every Redis command takes on the wire. */
	static String command(String... parts) {
		StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
		for (String part : parts) {
			resp.append('$')
				.append(part.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n")
				.append(part)
				.append("\r\n");
		}
		return resp.toString();
	}

}
