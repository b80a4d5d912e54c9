package dev.wslab.protocol.conformance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import dev.wslab.kit.client.ws.HttpHead;
import dev.wslab.kit.client.ws.RawWebSocketClient;
import dev.wslab.kit.client.ws.WireFrame;

import static dev.wslab.protocol.conformance.Probe.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance cases, in the spirit of the Autobahn|Testsuite fuzzing client: every
 * MUST-level rule RFC 6455 sets for a server, each checked over a raw socket against the
 * running server.
 */
final class ConformanceCases {

	private static final byte[] KEY = { 0x11, 0x22, 0x33, 0x44 };

	private final List<ConformanceCase> cases = new ArrayList<>();

	private ConformanceCases() {
	}

	static List<ConformanceCase> all() {
		ConformanceCases all = new ConformanceCases();
		all.handshake();
		all.handshakeEdges();
		all.framing();
		all.reservedBits();
		all.opcodes();
		all.pingPong();
		all.fragmentation();
		all.utf8();
		all.close();
		all.limits();
		return List.copyOf(all.cases);
	}

	private void handshake() {
		String group = "1 Handshake";
		add("1.1", group, "RFC 6455 §4.2.2", "a valid upgrade gets 101 and the right Sec-WebSocket-Accept", (probe) -> {
			HttpHead head = probe.handshake(probe.host(), "Upgrade: websocket", "Connection: Upgrade",
					"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
			assertThat(head.status()).isEqualTo(101);
			assertThat(head.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		});
		add("1.2", group, "RFC 6455 §4.2.1", "a request without Sec-WebSocket-Key gets 400",
				(probe) -> assertThat(probe
					.handshake(probe.host(), "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13")
					.status()).isEqualTo(400));
		add("1.3", group, "RFC 6455 §4.4", "another version gets 426 naming version 13", (probe) -> {
			HttpHead head = probe.handshake(probe.host(), "Upgrade: websocket", "Connection: Upgrade",
					"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8");
			assertThat(head.status()).isEqualTo(426);
			assertThat(head.header("Sec-WebSocket-Version")).isEqualTo("13");
		});
		add("1.4", group, "RFC 6455 §10.2", "a foreign Origin gets 403",
				(probe) -> assertThat(probe
					.handshake(probe.host(), "Upgrade: websocket", "Connection: Upgrade", "Origin: http://evil.example",
							"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13")
					.status()).isEqualTo(403));
		add("1.5", group, "RFC 6455 §4.2.1", "a request that is not GET gets 400", (probe) -> {
			RawWebSocketClient client = probe.tcp();
			HttpHead head = client.handshake("POST /echo HTTP/1.1\r\n" + probe.host() + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
			assertThat(head.status()).isEqualTo(400);
		});
		add("1.6", group, "RFC 6455 §4.2.1", "a request split across many TCP writes is still understood", (probe) -> {
			RawWebSocketClient client = probe.tcp();
			String request = "GET /echo HTTP/1.1\r\n" + probe.host()
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
			for (int i = 0; i < request.length(); i += 7) {
				client.sendRaw(
						request.substring(i, Math.min(request.length(), i + 7)).getBytes(StandardCharsets.US_ASCII),
						"request bytes " + i);
			}
			assertThat(client.handshake("\r\n").status()).isEqualTo(101);
		});
		add("1.7", group, "RFC 6585 §5", "an oversized header block gets 431 instead of unbounded buffering",
				(probe) -> {
					String huge = "X-Padding: " + "a".repeat(20_000);
					assertThat(probe
						.handshake(probe.host(), huge, "Upgrade: websocket", "Connection: Upgrade",
								"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13")
						.status()).isEqualTo(431);
				});
		add("1.8", group, "RFC 6455 §4.2.2", "the server picks a subprotocol the client offered", (probe) -> {
			HttpHead head = probe.handshake(probe.host(), "Upgrade: websocket", "Connection: Upgrade",
					"Sec-WebSocket-Protocol: mqtt, echo", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
					"Sec-WebSocket-Version: 13");
			assertThat(head.header("Sec-WebSocket-Protocol")).isEqualTo("echo");
		});
		add("1.9", group, "RFC 6455 §9.1", "no extension is accepted unless negotiated (permessage-deflate declined)",
				(probe) -> {
					HttpHead head = probe.handshake(probe.host(), "Upgrade: websocket", "Connection: Upgrade",
							"Sec-WebSocket-Extensions: permessage-deflate",
							"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
					assertThat(head.status()).isEqualTo(101);
					assertThat(head.header("Sec-WebSocket-Extensions")).isNull();
				});
	}

	private void handshakeEdges() {
		String group = "1 Handshake";
		add("1.10", group, "RFC 6455 §4.2.1", "a request without Host gets 400",
				(probe) -> assertThat(probe
					.handshake("Upgrade: websocket", "Connection: Upgrade",
							"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13")
					.status()).isEqualTo(400));
		add("1.11", group, "RFC 6455 §4.2.1", "two Sec-WebSocket-Key headers get 400",
				(probe) -> assertThat(probe
					.handshake(probe.host(), "Upgrade: websocket", "Connection: Upgrade",
							"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
							"Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA==", "Sec-WebSocket-Version: 13")
					.status()).isEqualTo(400));
		add("1.12", group, "RFC 6455 §4.2.1", "a frame sent in the same TCP write as the request is not lost",
				(probe) -> {
					RawWebSocketClient client = probe.tcp();
					byte[] head = ("GET /echo HTTP/1.1\r\n" + probe.host()
							+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
							+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")
						.getBytes(StandardCharsets.US_ASCII);
					byte[] frame = WireFrame.text("eager").encode(KEY);
					byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
					client.sendRaw(head, "request head without its final blank line");
					byte[] rest = ByteBuffer.allocate(end.length + frame.length).put(end).put(frame).array();
					// The blank line that ends the head and the first frame travel
					// together.
					assertThat(client.handshakeRaw(rest, "blank line and a text frame in one write").status())
						.isEqualTo(101);
					probe.expectEcho(client, WireFrame.text("eager"));
				});
	}

	private void framing() {
		String group = "2 Framing";
		int[] sizes = { 0, 1, 125, 126, 127, 65535, 65536, 300_000 };
		for (int i = 0; i < sizes.length; i++) {
			int size = sizes[i];
			add("2." + (i + 1), group, "RFC 6455 §5.2", "a text message of " + size + " bytes is echoed", (probe) -> {
				RawWebSocketClient client = probe.connect();
				WireFrame frame = WireFrame.text("*".repeat(size));
				client.send(frame);
				probe.expectEcho(client, frame);
			});
		}
		add("2.9", group, "RFC 6455 §5.6", "a binary message of every byte value is echoed unchanged", (probe) -> {
			byte[] all = new byte[256];
			for (int i = 0; i < all.length; i++) {
				all[i] = (byte) i;
			}
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.binary(all));
			probe.expectEcho(client, WireFrame.binary(all));
		});
		add("2.10", group, "RFC 6455 §5.2", "a frame written one byte at a time is echoed", (probe) -> {
			RawWebSocketClient client = probe.connect();
			byte[] bytes = WireFrame.text("slowly").encode(KEY);
			for (byte b : bytes) {
				client.sendRaw(new byte[] { b }, "one byte");
			}
			probe.expectEcho(client, WireFrame.text("slowly"));
		});
		add("2.11", group, "RFC 6455 §5.2", "many frames in one TCP write are all echoed, in order", (probe) -> {
			RawWebSocketClient client = probe.connect();
			ByteBuffer batch = ByteBuffer.allocate(1000);
			for (int i = 0; i < 20; i++) {
				batch.put(WireFrame.text("m" + i).encode(KEY));
			}
			client.sendRaw(Arrays.copyOf(batch.array(), batch.position()), "20 frames at once");
			for (int i = 0; i < 20; i++) {
				probe.expectEcho(client, WireFrame.text("m" + i));
			}
		});
		add("2.12", group, "RFC 6455 §5.1", "an unmasked client frame fails the connection with 1002", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.text("bare").withMask(false));
			probe.expectClose(client, 1002);
		});
		add("2.13", group, "RFC 6455 §5.2", "a length not in its minimal form fails the connection with 1002",
				(probe) -> {
					RawWebSocketClient client = probe.connect();
					client.sendWithNonMinimalLength(WireFrame.text("short"));
					probe.expectClose(client, 1002);
				});
		add("2.14", group, "RFC 6455 §5.2", "a 64-bit length with its top bit set fails the connection with 1002",
				(probe) -> {
					RawWebSocketClient client = probe.connect();
					client.sendRaw(HexFormat.of().parseHex("82ff8000000000000001" + "11223344"), "top-bit length");
					probe.expectClose(client, 1002);
				});
	}

	private void reservedBits() {
		String group = "3 Reserved bits";
		for (int rsv = 1; rsv <= 7; rsv++) {
			int bits = rsv;
			add("3." + rsv, group, "RFC 6455 §5.2", "RSV=" + rsv + " without an extension fails with 1002", (probe) -> {
				RawWebSocketClient client = probe.connect();
				client.send(WireFrame.text("rsv").withRsv(bits));
				probe.expectClose(client, 1002);
			});
		}
		add("3.8", group, "RFC 6455 §5.2", "RSV set on a ping fails with 1002", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.ping(new byte[0]).withRsv(4));
			probe.expectClose(client, 1002);
		});
	}

	private void opcodes() {
		String group = "4 Opcodes";
		int n = 1;
		for (int opcode : new int[] { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF }) {
			add("4." + n++, group, "RFC 6455 §5.2",
					"reserved opcode 0x" + Integer.toHexString(opcode) + " fails with 1002", (probe) -> {
						RawWebSocketClient client = probe.connect();
						client.send(WireFrame.text("x").withOpcode(opcode));
						probe.expectClose(client, 1002);
					});
		}
		add("4." + n, group, "RFC 6455 §5.2", "a reserved opcode after a valid message fails with 1002", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.text("fine"));
			probe.expectEcho(client, WireFrame.text("fine"));
			client.send(WireFrame.binary(new byte[0]).withOpcode(5));
			probe.expectClose(client, 1002);
		});
	}

	private void pingPong() {
		String group = "5 Ping and pong";
		add("5.1", group, "RFC 6455 §5.5.2", "an empty ping gets an empty pong", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.ping(new byte[0]));
			WireFrame pong = client.nextFrame(WAIT);
			assertThat(pong.opcode()).isEqualTo(WireFrame.PONG);
			assertThat(pong.payload()).isEmpty();
		});
		add("5.2", group, "RFC 6455 §5.5.2", "a 125-byte binary ping gets a pong with identical data", (probe) -> {
			byte[] data = new byte[125];
			Arrays.fill(data, (byte) 0xFE);
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.ping(data));
			assertThat(client.nextFrame(WAIT).payload()).isEqualTo(data);
		});
		add("5.3", group, "RFC 6455 §5.5", "a 126-byte ping fails with 1002", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.ping(new byte[126]));
			probe.expectClose(client, 1002);
		});
		add("5.4", group, "RFC 6455 §5.5", "a fragmented ping fails with 1002", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.ping("a".getBytes(StandardCharsets.UTF_8)).withFin(false));
			probe.expectClose(client, 1002);
		});
		add("5.5", group, "RFC 6455 §5.5.3", "an unsolicited pong is ignored", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(new WireFrame(true, 0, WireFrame.PONG, true, "unasked".getBytes(StandardCharsets.UTF_8)));
			client.send(WireFrame.text("after"));
			probe.expectEcho(client, WireFrame.text("after"));
		});
		add("5.6", group, "RFC 6455 §5.5.2", "ten pings get ten pongs, in order", (probe) -> {
			RawWebSocketClient client = probe.connect();
			for (int i = 0; i < 10; i++) {
				client.send(WireFrame.ping(("p" + i).getBytes(StandardCharsets.UTF_8)));
			}
			for (int i = 0; i < 10; i++) {
				assertThat(client.nextFrame(WAIT).text()).isEqualTo("p" + i);
			}
		});
	}

	private void fragmentation() {
		String group = "6 Fragmentation";
		add("6.1", group, "RFC 6455 §5.4", "a text message in two fragments is echoed whole", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.text("frag").withFin(false));
			client.send(WireFrame.text("ment").withOpcode(WireFrame.CONTINUATION));
			probe.expectEcho(client, WireFrame.text("fragment"));
		});
		add("6.2", group, "RFC 6455 §5.4", "a ping between fragments is answered before the message completes",
				(probe) -> {
					RawWebSocketClient client = probe.connect();
					client.send(WireFrame.text("a").withFin(false));
					client.send(WireFrame.ping("mid".getBytes(StandardCharsets.UTF_8)));
					assertThat(client.nextFrame(WAIT).opcode()).isEqualTo(WireFrame.PONG);
					client.send(WireFrame.text("b").withOpcode(WireFrame.CONTINUATION));
					probe.expectEcho(client, WireFrame.text("ab"));
				});
		add("6.3", group, "RFC 6455 §5.4", "a continuation with nothing to continue fails with 1002", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.text("orphan").withOpcode(WireFrame.CONTINUATION));
			probe.expectClose(client, 1002);
		});
		add("6.4", group, "RFC 6455 §5.4", "a new message inside a fragmented one fails with 1002", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.text("one").withFin(false));
			client.send(WireFrame.text("two"));
			probe.expectClose(client, 1002);
		});
		add("6.5", group, "RFC 6455 §5.4", "empty fragments around data are allowed", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.text("").withFin(false));
			client.send(WireFrame.text("x").withOpcode(WireFrame.CONTINUATION).withFin(false));
			client.send(WireFrame.text("").withOpcode(WireFrame.CONTINUATION));
			probe.expectEcho(client, WireFrame.text("x"));
		});
		add("6.6", group, "RFC 6455 §5.4", "a binary message in 100 fragments is echoed whole", (probe) -> {
			RawWebSocketClient client = probe.connect();
			byte[] expected = new byte[100];
			for (int i = 0; i < 100; i++) {
				expected[i] = (byte) i;
				WireFrame piece = WireFrame.binary(new byte[] { (byte) i })
					.withOpcode(i == 0 ? WireFrame.BINARY : WireFrame.CONTINUATION)
					.withFin(i == 99);
				client.send(piece);
			}
			probe.expectEcho(client, WireFrame.binary(expected));
		});
	}

	private void utf8() {
		String group = "7 UTF-8";
		add("7.1", group, "RFC 6455 §5.6", "text in many scripts is echoed", (probe) -> {
			RawWebSocketClient client = probe.connect();
			WireFrame frame = WireFrame.text("κόσμε · 世界 · 𝄞 · é");
			client.send(frame);
			probe.expectEcho(client, frame);
		});
		add("7.2", group, "RFC 6455 §8.1", "invalid UTF-8 in a text message fails with 1007", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(new WireFrame(true, 0, WireFrame.TEXT, true, new byte[] { 'a', (byte) 0xC0, (byte) 0x80 }));
			probe.expectClose(client, 1007);
		});
		add("7.3", group, "RFC 6455 §8.1", "invalid UTF-8 in the first fragment fails before the message ends",
				(probe) -> {
					RawWebSocketClient client = probe.connect();
					client.send(new WireFrame(false, 0, WireFrame.TEXT, true,
							new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
					probe.expectClose(client, 1007);
				});
		add("7.4", group, "RFC 6455 §8.1", "a character split across fragments is valid", (probe) -> {
			byte[] clef = "𝄞".getBytes(StandardCharsets.UTF_8);
			RawWebSocketClient client = probe.connect();
			client.send(new WireFrame(false, 0, WireFrame.TEXT, true, Arrays.copyOfRange(clef, 0, 2)));
			client.send(new WireFrame(true, 0, WireFrame.CONTINUATION, true, Arrays.copyOfRange(clef, 2, 4)));
			probe.expectEcho(client, WireFrame.text("𝄞"));
		});
		add("7.5", group, "RFC 6455 §8.1", "a text message ending inside a character fails with 1007", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client
				.send(new WireFrame(true, 0, WireFrame.TEXT, true, new byte[] { 'o', 'k', (byte) 0xE2, (byte) 0x82 }));
			probe.expectClose(client, 1007);
		});
		add("7.6", group, "RFC 3629 §4", "a code point above U+10FFFF fails with 1007", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(new WireFrame(true, 0, WireFrame.TEXT, true, HexFormat.of().parseHex("f4908080")));
			probe.expectClose(client, 1007);
		});
	}

	private void close() {
		String group = "8 Close";
		add("8.1", group, "RFC 6455 §5.5.1", "a close with 1000 is echoed and TCP then closes", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.close(1000, "bye"));
			probe.expectClose(client, 1000);
		});
		add("8.2", group, "RFC 6455 §5.5.1", "an empty close gets a close (1000) back", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(new WireFrame(true, 0, WireFrame.CLOSE, true, new byte[0]));
			probe.expectClose(client, 1000);
		});
		add("8.3", group, "RFC 6455 §5.5.1", "a one-byte close body fails with 1002", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(new WireFrame(true, 0, WireFrame.CLOSE, true, new byte[] { 0x03 }));
			probe.expectClose(client, 1002);
		});
		int n = 4;
		for (int code : new int[] { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 }) {
			add("8." + n++, group, "RFC 6455 §7.4", "valid code " + code + " is echoed", (probe) -> {
				RawWebSocketClient client = probe.connect();
				client.send(WireFrame.close(code, ""));
				probe.expectClose(client, code);
			});
		}
		for (int code : new int[] { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000 }) {
			add("8." + n++, group, "RFC 6455 §7.4", "invalid code " + code + " fails with 1002", (probe) -> {
				RawWebSocketClient client = probe.connect();
				client.send(WireFrame.close(code, ""));
				probe.expectClose(client, 1002);
			});
		}
		add("8." + n++, group, "RFC 6455 §5.5.1", "a close reason that is not UTF-8 fails with 1007", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(new WireFrame(true, 0, WireFrame.CLOSE, true, HexFormat.of().parseHex("03e8c080")));
			probe.expectClose(client, 1007);
		});
		add("8." + n++, group, "RFC 6455 §5.5", "a close with a 123-byte reason is accepted", (probe) -> {
			RawWebSocketClient client = probe.connect();
			client.send(WireFrame.close(1000, "r".repeat(123)));
			probe.expectClose(client, 1000);
		});
		add("8." + n, group, "RFC 6455 §5.5.1", "data sent after a close is not processed", (probe) -> {
			RawWebSocketClient client = probe.connect();
			ByteBuffer both = ByteBuffer.allocate(100);
			both.put(WireFrame.close(1000, "").encode(KEY)).put(WireFrame.text("late").encode(KEY));
			client.sendRaw(Arrays.copyOf(both.array(), both.position()), "close, then a text frame");
			probe.expectClose(client, 1000);
			assertThat(client.transcript().lines()).noneMatch((line) -> line.contains("← TEXT"));
		});
	}

	private void limits() {
		String group = "9 Limits";
		add("9.1", group, "RFC 6455 §10.4", "a frame over the size limit fails with 1009 before its payload arrives",
				(probe) -> {
					RawWebSocketClient client = probe.connect();
					client.sendRaw(HexFormat.of().parseHex("82ff0000000040000000" + "11223344"),
							"header claiming 1 GiB");
					probe.expectClose(client, 1009);
				});
		add("9.2", group, "RFC 6455 §10.4", "a message over the limit across fragments fails with 1009", (probe) -> {
			RawWebSocketClient client = probe.connect();
			byte[] chunk = new byte[400 * 1024];
			client.send(WireFrame.binary(chunk).withFin(false));
			client.send(WireFrame.binary(chunk).withOpcode(WireFrame.CONTINUATION).withFin(false));
			client.send(WireFrame.binary(chunk).withOpcode(WireFrame.CONTINUATION));
			probe.expectClose(client, 1009);
		});
		add("9.3", group, "RFC 6455 §7.1.7", "a failed connection does not disturb another one", (probe) -> {
			RawWebSocketClient healthy = probe.connect();
			RawWebSocketClient broken = probe.connect();
			broken.send(WireFrame.text("x").withOpcode(0xB));
			probe.expectClose(broken, 1002);
			healthy.send(WireFrame.text("still fine"));
			probe.expectEcho(healthy, WireFrame.text("still fine"));
		});
	}

	private void add(String id, String group, String rfc, String title, ConformanceCase.Body body) {
		this.cases.add(new ConformanceCase(id, group, rfc, title, body));
	}

}
