package dev.wslab.kit.client.stomp;

import java.util.List;
import java.util.Map;

/**
 * A MESSAGE or ERROR frame as the test client received it.
 *
 * @param command {@code MESSAGE} or {@code ERROR}
 * @param headers the frame's headers
 * @param body the body decoded as UTF-8
 */
public record ReceivedFrame(String command, Map<String, List<String>> headers, String body) {

	/**
	 * Returns the first value of a header.
	 * @param name the header name
	 * @return the value, or null
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	@Override
	public String toString() {
		return this.command + " " + this.headers + (this.body.isEmpty() ? "" : " body=" + this.body);
	}

}
