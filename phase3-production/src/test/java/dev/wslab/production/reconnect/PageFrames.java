package dev.wslab.production.reconnect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Page;

/**
 * The STOMP frames a page wrote, socket by socket, as Chromium saw them leave: what a
 * grader of the page's connection code checks (which token a CONNECT carried, the
 * {@code since} of a SUBSCRIBE, the order of the SENDs). Heartbeats are left out.
 */
final class PageFrames {

	private final List<List<Sent>> sockets = new CopyOnWriteArrayList<>();

	private PageFrames() {
	}

	/**
	 * Starts recording what a page writes on each WebSocket it opens from now on.
	 * @param page the page
	 * @return the record, filled as Playwright reports the frames
	 */
	static PageFrames of(Page page) {
		PageFrames frames = new PageFrames();
		page.onWebSocket((socket) -> {
			List<Sent> sent = new CopyOnWriteArrayList<>();
			frames.sockets.add(sent);
			socket.onFrameSent((frame) -> {
				Sent parsed = Sent.parse(frame.text());
				if (parsed != null) {
					sent.add(parsed);
				}
			});
		});
		return frames;
	}

	/** Every frame of every socket, in order, each socket's own in the order written. */
	List<Sent> all() {
		List<Sent> all = new ArrayList<>();
		this.sockets.forEach(all::addAll);
		return all;
	}

	/** The frames written on the last socket opened, or none. */
	List<Sent> lastSocket() {
		return this.sockets.isEmpty() ? List.of() : List.copyOf(this.sockets.get(this.sockets.size() - 1));
	}

	/** The frames with this command, across sockets. */
	List<Sent> commands(String command) {
		return all().stream().filter((sent) -> sent.command().equals(command)).toList();
	}

	/** One line per frame, socket by socket: for a failure's transcript. */
	String transcript() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < this.sockets.size(); i++) {
			text.append("socket ").append(i + 1).append(":\n");
			this.sockets.get(i).forEach((sent) -> text.append("  > ").append(sent).append('\n'));
		}
		return text.toString();
	}

	/**
	 * One frame the page wrote.
	 *
	 * @param command such as CONNECT or SEND
	 * @param headers its headers, the first of each name (STOMP 1.2, "Repeated Header
	 * Entries")
	 * @param body its body, without the NULL octet
	 */
	record Sent(String command, Map<String, String> headers, String body) {

		static Sent parse(String text) {
			if (text == null || text.isBlank()) {
				return null;
			}
			String frame = text.endsWith("\0") ? text.substring(0, text.length() - 1) : text;
			int blank = frame.indexOf("\n\n");
			String head = (blank >= 0) ? frame.substring(0, blank) : frame;
			String[] lines = head.split("\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
				}
			}
			return new Sent(lines[0].strip(), headers, (blank >= 0) ? frame.substring(blank + 2) : "");
		}

		String header(String name) {
			return this.headers.get(name);
		}

		@Override
		public String toString() {
			String authorization = this.headers.get("Authorization");
			Map<String, String> shown = new LinkedHashMap<>(this.headers);
			if (authorization != null && authorization.length() > 24) {
				shown.put("Authorization", authorization.substring(0, 24) + "…");
			}
			return this.command + " " + shown + (this.body.isEmpty() ? "" : " " + this.body);
		}

	}

}
