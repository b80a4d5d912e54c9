package dev.wslab.protocol.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The request line and header fields of an HTTP/1.1 request, as read off the socket.
 *
 * @param method the method, such as {@code GET}
 * @param target the request target, such as {@code /echo}
 * @param version the protocol version, such as {@code HTTP/1.1}
 * @param fields the header fields in arrival order, as name and value pairs
 */
public record HttpRequestHead(String method, String target, String version, List<Field> fields) {

	/**
	 * One header field.
	 *
	 * @param name the field name as sent
	 * @param value the value with surrounding white space removed
	 */
	public record Field(String name, String value) {
	}

	/**
	 * Returns every value of a field, case-insensitively by name, in arrival order.
	 * @param name the field name
	 * @return the values, possibly none
	 */
	public List<String> values(String name) {
		List<String> values = new ArrayList<>();
		for (Field field : this.fields) {
			if (field.name().equalsIgnoreCase(name)) {
				values.add(field.value());
			}
		}
		return values;
	}

	/**
	 * Returns the single value of a field, or null when it is absent.
	 * @param name the field name
	 * @return the first value, or null
	 */
	public String value(String name) {
		List<String> values = values(name);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Splits every value of a comma-separated field into lower-case tokens (RFC 9110
	 * §5.6.1).
	 * @param name the field name
	 * @return the tokens, trimmed and lower-cased, empty ones dropped
	 */
	public List<String> tokens(String name) {
		List<String> tokens = new ArrayList<>();
		for (String value : values(name)) {
			for (String token : value.split(",")) {
				String trimmed = token.trim().toLowerCase(Locale.ROOT);
				if (!trimmed.isEmpty()) {
					tokens.add(trimmed);
				}
			}
		}
		return tokens;
	}

	/**
	 * Returns the path of the target without its query.
	 * @return the path
	 */
	public String path() {
		int query = this.target.indexOf('?');
		return query < 0 ? this.target : this.target.substring(0, query);
	}

}
