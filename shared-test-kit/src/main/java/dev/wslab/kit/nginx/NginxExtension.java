package dev.wslab.kit.nginx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Owns the Nginx instances a test class starts: register it with
 * {@code @RegisterExtension}, call {@link #start(NginxConfig)} once the application ports
 * are known, and the extension stops them after the class and prints their logs when a
 * test fails.
 */
public final class NginxExtension implements AfterEachCallback, AfterAllCallback {

	private final List<NginxProxy> proxies = new CopyOnWriteArrayList<>();

	/**
	 * Starts an Nginx owned by this extension.
	 * @param config the configuration template with its upstream ports
	 * @return the running proxy
	 */
	public NginxProxy start(NginxConfig config) {
		NginxProxy proxy = Nginx.start(config);
		this.proxies.add(proxy);
		return proxy;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (context.getExecutionException().isPresent()) {
			for (NginxProxy proxy : this.proxies) {
				String logs = proxy.logs();
				context.publishReportEntry("nginx", logs);
				System.out.println("Nginx logs (" + proxy.description() + ") for failed test "
						+ context.getDisplayName() + ":\n" + logs);
			}
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.proxies.forEach(NginxProxy::stop);
		this.proxies.clear();
	}

}
