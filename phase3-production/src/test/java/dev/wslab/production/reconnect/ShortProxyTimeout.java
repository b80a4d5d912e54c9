package dev.wslab.production.reconnect;

import java.time.Duration;
import java.util.List;

import dev.wslab.kit.nginx.NginxConfig;
import dev.wslab.production.cluster.ClusterProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exercise 3.4's Nginx file with its {@code proxy_read_timeout} shortened, so that a test
 * sees Nginx close a quiet WebSocket within seconds.
 */
final class ShortProxyTimeout {

	private ShortProxyTimeout() {
	}

	/**
	 * Returns 3.4's file in front of the instances, every {@code proxy_read_timeout} set
	 * to the one given.
	 * @param ports the instances' ports
	 * @param timeout the timeout, in whole seconds
	 * @return the configuration to start Nginx with
	 */
	static NginxConfig config(List<Integer> ports, Duration timeout) {
		NginxConfig chat = ClusterProxy.config(ports);
		assertThat(chat.template()).as("exercise 3.4's proxy file, whose proxy_read_timeout this test shortens")
			.contains("proxy_read_timeout");
		return new NginxConfig(
				chat.template()
					.replaceAll("proxy_read_timeout\\s+[^;]+;", "proxy_read_timeout " + timeout.toSeconds() + "s;"),
				chat.upstreams());
	}

}
