package dev.wslab.protocol.handshake;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's answer to an opening handshake: 101 with the upgrade headers, or a refusal
 * such as 400, 403 or 426 with a short plain-text body that says why.
 *
 * @param status the status code
 * @param reason the reason phrase
 * @param headers the response headers in order
 * @param body the body, empty for a 101
 */
public record HandshakeResponse(int status, String reason, Map<String, String> headers, String body) {

	/**
	 * A 101 Switching Protocols answer.
	 * @param accept the {@code Sec-WebSocket-Accept} value
	 * @param subprotocol the chosen subprotocol, or null for none
	 * @return the response
	 */
	public static HandshakeResponse switching(String accept, String subprotocol) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Upgrade", "websocket");
		headers.put("Connection", "Upgrade");
		headers.put("Sec-WebSocket-Accept", accept);
		if (subprotocol != null) {
			headers.put("Sec-WebSocket-Protocol", subprotocol);
		}
		return new HandshakeResponse(101, "Switching Protocols", headers, "");
	}

	/**
	 * A refusal.
	 * @param status such as 400
	 * @param reason such as {@code Bad Request}
	 * @param why a sentence for the body
	 * @return the response
	 */
	public static HandshakeResponse refuse(int status, String reason, String why) {
		return refuse(status, reason, why, Map.of());
	}

	/**
	 * A refusal with extra headers, such as {@code Sec-WebSocket-Version} on a 426.
	 * @param status the status code
	 * @param reason the reason phrase
	 * @param why a sentence for the body
	 * @param extra extra headers
	 * @return the response
	 */
	public static HandshakeResponse refuse(int status, String reason, String why, Map<String, String> extra) {
		Map<String, String> headers = new LinkedHashMap<>(extra);
		headers.put("Content-Type", "text/plain; charset=utf-8");
		headers.put("Connection", "close");
		return new HandshakeResponse(status, reason, headers, why + "\n");
	}

	/**
	 * Returns whether the upgrade was accepted.
	 * @return true for 101
	 */
	public boolean accepted() {
		return this.status == 101;
	}

	/**
	 * Returns the negotiated subprotocol.
	 * @return the subprotocol, or null
	 */
	public String subprotocol() {
		return this.headers.get("Sec-WebSocket-Protocol");
	}

	/**
	 * Serializes the response as it goes on the wire.
	 * @return the bytes
	 */
	public byte[] toBytes() {
		byte[] bodyBytes = this.body.getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder("HTTP/1.1 ").append(this.status)
			.append(' ')
			.append(this.reason)
			.append("\r\n");
		this.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (!accepted()) {
			head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		byte[] all = new byte[headBytes.length + bodyBytes.length];
		System.arraycopy(headBytes, 0, all, 0, headBytes.length);
		System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
		return all;
	}

}
