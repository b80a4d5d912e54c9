package dev.wslab.kit.workshop;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a participant's progress events go: the workshop's broker, the participant's
 * RabbitMQ user, the workshop id and the participant's name.
 *
 * <p>
 * The broker URL has the form {@code stomp://user:password@host[:port]/workshop}, with an
 * optional {@code ?vhost=name}. The settings come from {@code WSLAB_WORKSHOP_URL} and
 * {@code WSLAB_WORKSHOP_NAME} when both are set, otherwise from
 * {@code .wslab/workshop.properties} under the workspace root, which
 * {@code ./learn workshop join} writes and git ignores.
 *
 * @param host the broker host
 * @param port its STOMP port
 * @param login the participant's RabbitMQ user
 * @param passcode its password
 * @param virtualHost the virtual host
 * @param workshop the workshop id, the first word of the routing key
 * @param participant the participant's name, the second word
 */
public record WorkshopSettings(String host, int port, String login, String passcode, String virtualHost,
		String workshop, String participant) {

	/** The topic exchange every participant publishes to. */
	public static final String EXCHANGE = "wslab.workshop";

	/** Where {@code ./learn workshop join} keeps the settings, under the root. */
	public static final Path FILE = Path.of(".wslab", "workshop.properties");

	/** The environment variable naming the broker URL. */
	public static final String URL_VARIABLE = "WSLAB_WORKSHOP_URL";

	/** The environment variable naming the participant. */
	public static final String NAME_VARIABLE = "WSLAB_WORKSHOP_NAME";

	// A routing key's words: no dots, and none of the topic wildcards * and #.
	private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	/**
	 * Parses a broker URL and a participant name.
	 * @param url {@code stomp://user:password@host[:port]/workshop[?vhost=name]}
	 * @param participant the participant's name
	 * @return the settings
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static WorkshopSettings parse(String url, String participant) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Not a URL: " + url + " (expected " + form() + ")");
		}
		if (!"stomp".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException("Expected " + form() + ", got " + url);
		}
		String userInfo = uri.getUserInfo();
		if (userInfo == null || !userInfo.contains(":")) {
			throw new IllegalArgumentException("The URL has no user:password@ part; expected " + form());
		}
		String workshop = (uri.getPath() == null) ? "" : uri.getPath().replaceFirst("^/", "");
		String vhost = "/";
		if (uri.getQuery() != null && uri.getQuery().startsWith("vhost=")) {
			vhost = uri.getQuery().substring("vhost=".length());
		}
		int colon = userInfo.indexOf(':');
		return new WorkshopSettings(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 61613,
				userInfo.substring(0, colon), userInfo.substring(colon + 1), vhost,
				word("workshop id (the URL's path)", workshop), word("participant name", participant));
	}

	/**
	 * Returns the settings from the environment, else from the root's settings file.
	 * @param root the workspace root
	 * @param env the environment
	 * @return the settings, or empty when the participant has not joined
	 */
	public static Optional<WorkshopSettings> load(Path root, Map<String, String> env) {
		String url = env.get(URL_VARIABLE);
		String name = env.get(NAME_VARIABLE);
		if (url != null && !url.isBlank() && name != null && !name.isBlank()) {
			return Optional.of(parse(url, name));
		}
		Path file = root.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Optional.of(parse(properties.getProperty("url"), properties.getProperty("name")));
	}

	/**
	 * Writes the settings file, readable by its owner only, since it holds a password.
	 * @param root the workspace root
	 * @param url the broker URL as given
	 * @return the file written
	 */
	public Path save(Path root, String url) {
		Path file = root.resolve(FILE);
		Properties properties = new Properties();
		properties.setProperty("url", url);
		properties.setProperty("name", this.participant);
		try {
			Files.createDirectories(file.getParent());
			try (Writer writer = Files.newBufferedWriter(file)) {
				properties.store(writer, "./learn workshop join; ./learn workshop leave removes it");
			}
			if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/**
	 * Returns the routing key, {@code <workshop>.<participant>}.
	 * @return the routing key
	 */
	public String routingKey() {
		return this.workshop + "." + this.participant;
	}

	/**
	 * Returns the STOMP destination: RabbitMQ's {@code /exchange/<name>/<routing key>}.
	 * @return the destination
	 */
	public String destination() {
		return "/exchange/" + EXCHANGE + "/" + routingKey();
	}

	/**
	 * Describes the settings without the password.
	 * @return for example {@code alice in room1 at broker.lan:61613 as user p-alice}
	 */
	public String describe() {
		return this.participant + " in workshop " + this.workshop + " at " + this.host + ":" + this.port + " as user "
				+ this.login;
	}

	@Override
	public String toString() {
		return "WorkshopSettings[" + describe() + "]";
	}

	private static String word(String what, String value) {
		if (value == null || !WORD.matcher(value).matches()) {
			throw new IllegalArgumentException("The " + what + " must be 1 to 32 letters, digits, '-' or '_', got '"
					+ value + "' (it becomes a word of the routing key)");
		}
		return value;
	}

	private static String form() {
		return "stomp://user:password@host[:port]/workshop";
	}

}
