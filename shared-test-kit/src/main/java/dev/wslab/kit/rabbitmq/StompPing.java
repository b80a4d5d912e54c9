package dev.wslab.kit.rabbitmq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Proves a broker ready by using it: a STOMP CONNECT answered with CONNECTED, what every
 * STOMP grader needs first.
 */
final class StompPing {

	private StompPing() {
	}

	static boolean connects(String host, int port, String login, String passcode) throws IOException {
		try (Socket socket = new Socket(host, port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("CONNECT\naccept-version:1.2\nhost:/\nlogin:%s\npasscode:%s\n\n\0".formatted(login, passcode)
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(9);
			return new String(answer, StandardCharsets.UTF_8).equals("CONNECTED");
		}
	}

}
