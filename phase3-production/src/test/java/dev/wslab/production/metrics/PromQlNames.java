package dev.wslab.production.metrics;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the metric names a PromQL expression selects: every name that is not a function,
 * an aggregation, a keyword, a label or a Grafana variable.
 */
final class PromQlNames {

	private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	/** A name, not part of a number, a duration or a {@code $variable}. */
	private static final Pattern NAME = Pattern.compile("(?<![\\w.:$])[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"offset", "bool", "and", "or", "unless", "atan2", "inf", "nan", "Inf", "NaN");

	private PromQlNames() {
	}

	static Set<String> of(String promql) {
		String bare = STRINGS.matcher(promql).replaceAll(" ");
		bare = MATCHERS.matcher(bare).replaceAll(" ");
		bare = RANGES.matcher(bare).replaceAll(" ");
		bare = GROUPING.matcher(bare).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher name = NAME.matcher(bare);
		while (name.find()) {
			String rest = bare.substring(name.end()).stripLeading();
			if (!rest.startsWith("(") && !KEYWORDS.contains(name.group())) {
				names.add(name.group());
			}
		}
		return names;
	}

}
