package dev.wslab.kit.client.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status line and headers of an HTTP response, as the raw client read them.
 *
 * @param status the status code
 * @param headers the header lines, in order, as {@code name: value}
 * @param text the response head as received
 */
public record HttpHead(int status, List<String> headers, String text) {

	static HttpHead parse(String text) {
		String[] lines = text.split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		int status = statusLine.length > 1 && statusLine[1].chars().allMatch(Character::isDigit)
				? Integer.parseInt(statusLine[1]) : -1;
		List<String> headers = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			if (!lines[i].isEmpty()) {
				headers.add(lines[i]);
			}
		}
		return new HttpHead(status, List.copyOf(headers), text);
	}

	/**
	 * Returns the first value of a header, ignoring the name's case.
	 * @param name the header name
	 * @return the trimmed value, or null if absent
	 */
	public String header(String name) {
		String prefix = name.toLowerCase(Locale.ROOT) + ":";
		for (String header : this.headers) {
			if (header.toLowerCase(Locale.ROOT).startsWith(prefix)) {
				return header.substring(prefix.length()).trim();
			}
		}
		return null;
	}

}
