package dev.wslab.kit.nginx;

import java.net.URI;

/** A running Nginx in front of the applications under test. */
public interface NginxProxy {

	/**
	 * Returns the host to connect to.
	 * @return the host
	 */
	String host();

	/**
	 * Returns the port Nginx listens on, as seen from the test.
	 * @return the port
	 */
	int port();

	/**
	 * Returns an {@code http://} address on the proxy.
	 * @param path an absolute path such as {@code /index.html}
	 * @return the address
	 */
	default URI httpUri(String path) {
		return URI.create("http://" + host() + ":" + port() + path);
	}

	/**
	 * Returns a {@code ws://} address on the proxy.
	 * @param path an absolute path such as {@code /ws/chat}
	 * @return the address
	 */
	default URI wsUri(String path) {
		return URI.create("ws://" + host() + ":" + port() + path);
	}

	/**
	 * Loads a new configuration without dropping established connections. Returns once
	 * the new configuration is in force; a configuration Nginx rejects fails with its
	 * message.
	 * @param config the new configuration
	 */
	void reload(NginxConfig config);

	/**
	 * Returns what Nginx logged: the error log and, where kept apart, the access log.
	 * @return the log text
	 */
	String logs();

	/** Stops Nginx. */
	void stop();

	/**
	 * Says which provider runs this Nginx.
	 * @return a description for reports
	 */
	String description();

}
