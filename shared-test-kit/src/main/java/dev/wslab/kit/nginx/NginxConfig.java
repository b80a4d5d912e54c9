package dev.wslab.kit.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Nginx configuration template: the inside of an {@code http} block, with placeholders
 * the kit fills in for whichever provider runs Nginx.
 *
 * <ul>
 * <li>{@code {{listen}}} becomes the address Nginx listens on;</li>
 * <li>{@code {{upstream NAME}}} becomes one {@code server host:port;} line per port given
 * to {@link #upstream(String, List)}; {@code {{upstream NAME backup}}} adds the words
 * after the name to each line ({@code server host:port backup;}), for the parameters of
 * Nginx's {@code server} directive.</li>
 * </ul>
 *
 * @param template the template text
 * @param upstreams upstream name to application ports
 */
public record NginxConfig(String template, Map<String, List<Integer>> upstreams) {

	private static final Pattern UPSTREAM = Pattern.compile("\\{\\{upstream ([A-Za-z0-9_-]+)((?: [A-Za-z0-9_=.]+)*)}}");

	/**
	 * Reads a template from the test classpath.
	 * @param resource a classpath resource such as {@code nginx/websocket-proxy.conf}
	 * @return the configuration, with no upstreams yet
	 */
	public static NginxConfig fromClasspath(String resource) {
		try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No Nginx template on the classpath at " + resource);
			}
			return new NginxConfig(new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.of());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a copy that routes the named upstream to these application ports on this
	 * machine.
	 * @param name the upstream name used in the template
	 * @param ports the application ports
	 * @return the new configuration
	 */
	public NginxConfig upstream(String name, List<Integer> ports) {
		Map<String, List<Integer>> copy = new LinkedHashMap<>(this.upstreams);
		copy.put(name, List.copyOf(ports));
		return new NginxConfig(this.template, Map.copyOf(copy));
	}

	/**
	 * Returns a copy that routes the named upstream to these application ports.
	 * @param name the upstream name used in the template
	 * @param ports the application ports
	 * @return the new configuration
	 */
	public NginxConfig upstream(String name, Integer... ports) {
		return upstream(name, List.of(ports));
	}

	/**
	 * Fills in the placeholders.
	 * @param listen what {@code {{listen}}} becomes
	 * @param appHost the host at which the application ports are reached from Nginx
	 * @return configuration text Nginx can load
	 */
	public String render(String listen, String appHost) {
		Matcher matcher = UPSTREAM.matcher(this.template.replace("{{listen}}", listen));
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			List<Integer> ports = this.upstreams.get(matcher.group(1));
			if (ports == null || ports.isEmpty()) {
				throw new IllegalStateException("The Nginx template uses {{upstream " + matcher.group(1)
						+ "}} but no ports were given for it; call upstream(\"" + matcher.group(1) + "\", port...)");
			}
			StringBuilder servers = new StringBuilder();
			String parameters = matcher.group(2);
			ports.forEach((port) -> servers.append("server ")
				.append(appHost)
				.append(':')
				.append(port)
				.append(parameters)
				.append("; "));
			matcher.appendReplacement(out, Matcher.quoteReplacement(servers.toString().trim()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/**
	 * Returns every application port named by the upstreams.
	 * @return the ports
	 */
	public List<Integer> allPorts() {
		return this.upstreams.values().stream().flatMap(List::stream).distinct().toList();
	}

}
