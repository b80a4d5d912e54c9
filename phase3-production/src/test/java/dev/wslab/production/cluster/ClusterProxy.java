package dev.wslab.production.cluster;

import java.util.List;

import dev.wslab.kit.nginx.NginxConfig;

/**
 * The learner's Nginx configuration from exercise 3.4, as the kit's Nginx providers take
 * it: a template with {@code {{listen}}} and {@code {{upstream chat}}}.
 */
public final class ClusterProxy {

	/** Where exercise 3.4's file sits on the classpath (beside the Java exercises). */
	public static final String CONFIG = "dev/wslab/production/proxy/cluster.conf";

	private ClusterProxy() {
	}

	/**
	 * Loads the learner's configuration and points its {@code chat} upstream at the
	 * instances. A file that still has its starter TODO fails the way a Java stub does.
	 * @param ports the instances' ports
	 * @return the configuration
	 */
	public static NginxConfig config(List<Integer> ports) {
		NginxConfig config = NginxConfig.fromClasspath(CONFIG);
		if (config.template().contains("TODO(3.4)")) {
			throw new UnsupportedOperationException(
					"TODO(3.4): exercises/phase3-production/.../proxy/cluster.conf is still the starter: write the proxy configuration, then delete its TODO line");
		}
		return config.upstream("chat", ports);
	}

}
