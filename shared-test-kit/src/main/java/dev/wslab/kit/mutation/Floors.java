package dev.wslab.kit.mutation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recorded mutation score of each exercise, in percent: CI fails when graders kill
 * fewer mutants than that.
 *
 * @param byId the floor of each exercise id
 */
record Floors(Map<String, Integer> byId) {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	static Floors read(Path file) {
		if (!Files.exists(file)) {
			return new Floors(Map.of());
		}
		return new Floors(JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Integer>>() {
		}));
	}

	Integer of(String id) {
		return this.byId.get(id);
	}

	Floors with(List<ExerciseStrength> results) {
		Map<String, Integer> floors = new TreeMap<>(Floors::compareIds);
		floors.putAll(this.byId);
		results.forEach((result) -> floors.put(result.exercise().id(), result.score()));
		return new Floors(floors);
	}

	List<String> check(List<ExerciseStrength> results) {
		List<String> failures = new ArrayList<>();
		for (ExerciseStrength result : results) {
			String id = result.exercise().id();
			Integer floor = of(id);
			if (floor == null) {
				failures.add(id + " has no floor in " + GraderStrength.FLOORS
						+ "; measure it with -Dwslab.mutation.mode=record");
			}
			else if (result.score() < floor) {
				failures.add(id + " " + result.exercise().title() + ": " + result.score() + "% < floor " + floor
						+ "%, survivors: " + result.survivors());
			}
		}
		return failures;
	}

	void write(Path file) {
		JSON.writeValue(file.toFile(), this.byId);
	}

	static int compareIds(String a, String b) {
		String[] left = a.split("\\.");
		String[] right = b.split("\\.");
		for (int i = 0; i < Math.min(left.length, right.length); i++) {
			int order = Integer.compare(Integer.parseInt(left[i]), Integer.parseInt(right[i]));
			if (order != 0) {
				return order;
			}
		}
		return Integer.compare(left.length, right.length);
	}

}
