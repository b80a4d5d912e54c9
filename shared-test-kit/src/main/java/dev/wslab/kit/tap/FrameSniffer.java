package dev.wslab.kit.tap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches one direction of a tapped connection: first the HTTP head, then frames. It only
 * reads copies of the bytes; what is forwarded is never changed.
 */
final class FrameSniffer {

	private static final int PREVIEW = 60;

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private boolean inHead = true;

	/**
	 * Takes the next bytes and returns one description per complete head or frame they
	 * finish.
	 */
	List<String> feed(byte[] data, int length) {
		this.pending.write(data, 0, length);
		List<String> out = new ArrayList<>();
		byte[] bytes = this.pending.toByteArray();
		int consumed = 0;
		while (true) {
			int used = this.inHead ? head(bytes, consumed, out) : frame(bytes, consumed, out);
			if (used == 0) {
				break;
			}
			consumed += used;
		}
		this.pending.reset();
		this.pending.write(bytes, consumed, bytes.length - consumed);
		return out;
	}

	private int head(byte[] bytes, int from, List<String> out) {
		String text = new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			return 0;
		}
		out.add(text.substring(0, end));
		this.inHead = false;
		return end + 4;
	}

	private int frame(byte[] bytes, int from, List<String> out) {
		int available = bytes.length - from;
		if (available < 2) {
			return 0;
		}
		int first = bytes[from] & 0xFF;
		int second = bytes[from + 1] & 0xFF;
		boolean masked = (second & 0x80) != 0;
		long length = second & 0x7F;
		int header = 2;
		if (length == 126 || length == 127) {
			int extra = (length == 126) ? 2 : 8;
			if (available < 2 + extra) {
				return 0;
			}
			length = 0;
			for (int i = 0; i < extra; i++) {
				length = (length << 8) | (bytes[from + 2 + i] & 0xFF);
			}
			header += extra;
		}
		if (masked) {
			header += 4;
		}
		if (length < 0 || available < header + length) {
			return 0;
		}
		byte[] payload = new byte[(int) length];
		System.arraycopy(bytes, from + header, payload, 0, payload.length);
		if (masked) {
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= bytes[from + header - 4 + (i & 3)];
			}
		}
		out.add(describe(first, masked, length, payload));
		return header + (int) length;
	}

	static String describe(int first, boolean masked, long length, byte[] payload) {
		int opcode = first & 0xF;
		String name = switch (opcode) {
			case 0x0 -> "CONT";
			case 0x1 -> "TEXT";
			case 0x2 -> "BINARY";
			case 0x8 -> "CLOSE";
			case 0x9 -> "PING";
			case 0xA -> "PONG";
			default -> "OP" + Integer.toHexString(opcode);
		};
		String rsv = Integer.toBinaryString(0x8 | ((first >> 4) & 0x7)).substring(1);
		return String.format("%-6s fin=%d rsv=%s mask=%d len=%-6d %s", name, (first & 0x80) != 0 ? 1 : 0, rsv,
				masked ? 1 : 0, length, preview(opcode, payload));
	}

	private static String preview(int opcode, byte[] payload) {
		if (opcode == 0x8 && payload.length >= 2) {
			int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
			return "code=" + code + " reason=\"" + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
					+ "\"";
		}
		if (opcode == 0x2) {
			StringBuilder hex = new StringBuilder();
			for (int i = 0; i < Math.min(payload.length, PREVIEW / 2); i++) {
				hex.append(String.format("%02x", payload[i]));
			}
			return hex + (payload.length > PREVIEW / 2 ? "…" : "");
		}
		String text = new String(payload, StandardCharsets.UTF_8).replace("\n", "\\n");
		return "\"" + (text.length() > PREVIEW ? text.substring(0, PREVIEW) + "…" : text) + "\"";
	}

}
