package dev.wslab.kit.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutants listed as equivalent in the report's "Equivalent mutants" section, one line
 * each: {@code - 1.5 `FrameEncoder.encode` line 34: changed conditional boundary — why}.
 *
 * @param byId the listed mutants of each exercise id, as
 * {@link ExerciseStrength.Mutant#where()}
 */
record Equivalents(Map<String, List<String>> byId) {

	private static final Pattern LINE = Pattern.compile("^- (\\d+\\.\\d+) (`[^`]+` line \\d+: .+?) — .+$");

	static Equivalents read(Path doc) {
		Map<String, List<String>> byId = new LinkedHashMap<>();
		if (!Files.exists(doc)) {
			return new Equivalents(byId);
		}
		try {
			for (String line : Files.readAllLines(doc)) {
				Matcher matcher = LINE.matcher(line);
				if (matcher.matches()) {
					byId.computeIfAbsent(matcher.group(1), (id) -> new ArrayList<>()).add(matcher.group(2));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Equivalents(byId);
	}

	List<String> of(String id) {
		return this.byId.getOrDefault(id, List.of());
	}

}
