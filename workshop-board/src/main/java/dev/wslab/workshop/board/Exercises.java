package dev.wslab.workshop.board;

import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The grid's columns: every exercise of the workspace's catalog, in teaching order.
 *
 * @param all the exercises
 */
record Exercises(List<Column> all) {

	/**
	 * One column.
	 *
	 * @param id the exercise id
	 * @param phase its phase module
	 * @param title its title
	 */
	record Column(String id, String phase, String title) {

	}

	static Exercises load(Path catalog) {
		JsonNode root = JsonMapper.builder().build().readTree(catalog.toFile());
		return new Exercises(root.get("exercises")
			.valueStream()
			.map((node) -> new Column(node.get("id").asString(), node.get("phase").asString(),
					node.get("title").asString()))
			.toList());
	}

	boolean contains(String id) {
		return this.all.stream().anyMatch((column) -> column.id().equals(id));
	}

}
