package dev.wslab.production.reconnect;

import java.util.HashMap;
import java.util.Map;

import dev.wslab.production.cluster.ChatCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two instances of a drill on one instance, apart from the shared cluster so that
 * other graders' instances stay up: a survivor for the whole class, and a victim per
 * test, stopped by the test (or here, after it, if the test did not get that far). Both
 * have 3.5's rate limit out of the way of 200 quick SENDs.
 */
final class DrillInstances implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	private final String name;

	private final Map<String, Object> victimSettings;

	private ConfigurableApplicationContext survivor;

	private ConfigurableApplicationContext victim;

	/**
	 * @param name names the instances, {@code <name>-survivor} and {@code <name>-victim}
	 * @param victimSettings the victim's settings besides {@link Drill#UNLIMITED}
	 */
	DrillInstances(String name, Map<String, Object> victimSettings) {
		this.name = name;
		this.victimSettings = victimSettings;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.survivor = ChatCluster.shared().startApart(this.name + "-survivor", Drill.UNLIMITED);
	}

	ConfigurableApplicationContext survivor() {
		return this.survivor;
	}

	ConfigurableApplicationContext startVictim() {
		Map<String, Object> settings = new HashMap<>(Drill.UNLIMITED);
		settings.putAll(this.victimSettings);
		this.victim = ChatCluster.shared().startApart(this.name + "-victim", settings);
		return this.victim;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		// After the test's own @AfterEach, which closes its Drill's clients first.
		if (this.victim != null) {
			this.victim.close();
			this.victim = null;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.survivor.close();
	}

}
