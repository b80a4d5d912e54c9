package dev.wslab.production.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Where the instances tell each other their figures: Redis. Each instance writes its
 * snapshot as JSON under a key of its own that expires after {@code ttl}, and adds its
 * name to one set. A reader takes the set and every key in it: a key that has expired
 * belongs to an instance that stopped publishing (stopped, crashed or cut off from
 * Redis), so its name leaves the set and the dashboard stops showing it.
 */
final class SnapshotStore {

	static final String INSTANCES = "wslab:dashboard:instances";

	static final String SNAPSHOT_PREFIX = "wslab:dashboard:instance:";

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final Duration ttl;

	SnapshotStore(StringRedisTemplate redis, JsonMapper json, Duration ttl) {
		this.redis = redis;
		this.json = json;
		this.ttl = ttl;
	}

	void publish(InstanceSnapshot snapshot) {
		this.redis.opsForValue()
			.set(SNAPSHOT_PREFIX + snapshot.instance(), this.json.writeValueAsString(snapshot), this.ttl);
		this.redis.opsForSet().add(INSTANCES, snapshot.instance());
	}

	/** Every live instance's latest snapshot, by name. */
	List<InstanceSnapshot> live() {
		Set<String> members = this.redis.opsForSet().members(INSTANCES);
		if (members == null || members.isEmpty()) {
			return List.of();
		}
		List<String> names = List.copyOf(new TreeSet<>(members));
		List<String> values = this.redis.opsForValue().multiGet(names.stream().map(SNAPSHOT_PREFIX::concat).toList());
		List<InstanceSnapshot> live = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String value = (values != null) ? values.get(i) : null;
			if (value == null) {
				this.redis.opsForSet().remove(INSTANCES, names.get(i));
			}
			else {
				live.add(this.json.readValue(value, InstanceSnapshot.class));
			}
		}
		return live;
	}

}
